// Icarus testbench of the board top's UART bridge (README §4, "Board top"): a write, a read
// answered with four bytes, and an ignored stray byte, against a small register file.
`timescale 1ns / 1ps
module dl_uart_tb;
  localparam integer CPB = 8;
  reg clk = 1'b0, rst = 1'b1, rx = 1'b1;
  wire tx, bus_we, bus_re;
  wire [19:0] bus_addr;
  wire [31:0] bus_wdata;
  reg [31:0] bus_rdata;
  reg [31:0] regs [0:3];
  reg [19:0] last_addr;
  reg [7:0] got [0:3];
  integer k, nrx;

  dl_uart_bus #(.CLKS_PER_BIT(CPB)) dut (
    .clk(clk), .rst(rst), .rx(rx), .tx(tx), .bus_we(bus_we), .bus_re(bus_re),
    .bus_addr(bus_addr), .bus_wdata(bus_wdata), .bus_rdata(bus_rdata)
  );

  always #5 clk = ~clk;
  initial begin
    #1000000;
    $fatal(1, "dl_uart_tb: timed out (no reply)");
  end
  // A register file like the core's: read data valid the cycle after bus_re.
  always @(posedge clk) begin
    if (bus_we) begin
      regs[bus_addr[1:0]] <= bus_wdata;
      last_addr <= bus_addr;
    end
    if (bus_re) bus_rdata <= regs[bus_addr[1:0]];
  end

  task send(input [7:0] b);
    integer i;
    begin
      rx = 1'b0;
      repeat (CPB) @(posedge clk);
      for (i = 0; i < 8; i = i + 1) begin
        rx = b[i];
        repeat (CPB) @(posedge clk);
      end
      rx = 1'b1;
      repeat (CPB) @(posedge clk);
    end
  endtask

  // Receiver: wait for a start bit, then sample each bit in its middle.
  task receive(output [7:0] b);
    integer i;
    begin
      @(negedge tx);
      repeat (CPB / 2) @(posedge clk);
      for (i = 0; i < 8; i = i + 1) begin
        repeat (CPB) @(posedge clk);
        b[i] = tx;
      end
      repeat (CPB) @(posedge clk);
      if (tx !== 1'b1) $fatal(1, "dl_uart_tb: no stop bit");
    end
  endtask

  initial begin
    repeat (4) @(posedge clk);
    rst = 1'b0;
    repeat (4) @(posedge clk);
    send(8'h00);  // not a command: ignored
    send("W"); send(8'h11); send(8'h00); send(8'h03);
    send(8'h78); send(8'h56); send(8'h34); send(8'h12);
    repeat (4) @(posedge clk);
    if (last_addr !== 20'h30011 || regs[1] !== 32'h12345678)
      $fatal(1, "dl_uart_tb: write landed at %h as %h", last_addr, regs[1]);
    fork
      begin
        send("R"); send(8'h11); send(8'h00); send(8'h03);
      end
      begin
        for (k = 0; k < 4; k = k + 1) receive(got[k]);
      end
    join
    if ({got[3], got[2], got[1], got[0]} !== 32'h12345678)
      $fatal(1, "dl_uart_tb: read answered %h %h %h %h", got[0], got[1], got[2], got[3]);
    $display("dl_uart_tb: PASS");
    $finish;
  end
endmodule
