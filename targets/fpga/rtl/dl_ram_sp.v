// Single-port RAM with a registered read: the weight memory. Large ones map to iCE40 SPRAM
// (yosys synth_ice40 -spram), which cannot be initialised from the bitstream, so an INIT image
// is used only when the weights fit block RAM (README §5).
module dl_ram_sp #(
  parameter integer W = 16,
  parameter integer D = 16,
  parameter integer AW = (D <= 2) ? 1 : $clog2(D),
  parameter INIT = ""
) (
  input  wire          clk,
  input  wire          we,
  input  wire [AW-1:0] addr,
  input  wire [W-1:0]  wdata,
  output reg  [W-1:0]  rdata
);
  reg [W-1:0] mem [0:D-1];
`ifndef SYNTHESIS
  integer fd;
`endif

  initial begin
    if (INIT != "") begin
`ifndef SYNTHESIS
      fd = $fopen(INIT, "r");
      if (fd == 0) $fatal(1, "dynalign: memory image '%0s' is missing", INIT);
      $fclose(fd);
`endif
      $readmemh(INIT, mem);
    end
  end

  always @(posedge clk) begin
    if (we) mem[addr] <= wdata;
    else rdata <= mem[addr];
  end
endmodule
