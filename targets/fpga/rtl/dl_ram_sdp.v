// Simple dual-port RAM (one write port, one registered read port): maps to iCE40 EBR.
// INIT names a $readmemh image; a missing image stops the simulation (README §5), it never
// runs with zeros. Without INIT and with ZERO = 1 the memory starts at zero.
module dl_ram_sdp #(
  parameter integer W = 8,
  parameter integer D = 16,
  parameter integer AW = (D <= 2) ? 1 : $clog2(D),
  parameter INIT = "",
  parameter integer ZERO = 1
) (
  input  wire          clk,
  input  wire          we,
  input  wire [AW-1:0] waddr,
  input  wire [W-1:0]  wdata,
  input  wire [AW-1:0] raddr,
  output reg  [W-1:0]  rdata
);
  reg [W-1:0] mem [0:D-1];
  integer i;
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
    end else if (ZERO != 0) begin
      for (i = 0; i < D; i = i + 1) mem[i] = {W{1'b0}};
    end
  end

  always @(posedge clk) begin
    if (we) mem[waddr] <= wdata;
    rdata <= mem[raddr];
  end
endmodule
