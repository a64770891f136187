// Icarus Verilog testbench of the dynalign core, the second simulator beside the Verilator
// harness: the core boots its images with $readmemh (DL_BOOT), the inputs come from
// inputs.hex, and trace.txt gets the harness's S / O / C / T lines (README §6).
`timescale 1ns / 1ps
module dl_tb;
  parameter integer MAXCODES = 1024;
  parameter integer MAXL = 4;
  parameter integer MAXN = 1024;

  reg clk = 1'b0, rst = 1'b1;
  reg bus_we = 1'b0, bus_re = 1'b0;
  reg [19:0] bus_addr = 20'd0;
  reg [31:0] bus_wdata = 32'd0;
  wire [31:0] bus_rdata;
  wire busy, dbg_spike;
  wire [7:0] dbg_layer;
  wire [15:0] dbg_neuron;
  dl_accel u_accel (
    .clk(clk), .rst(rst), .bus_we(bus_we), .bus_re(bus_re), .bus_addr(bus_addr),
    .bus_wdata(bus_wdata), .bus_rdata(bus_rdata), .busy(busy), .dbg_spike(dbg_spike),
    .dbg_layer(dbg_layer), .dbg_neuron(dbg_neuron)
  );

  reg [7:0] codes [0:MAXCODES-1];
  reg [31:0] params [0:255];
  reg [15:0] sp [0:MAXL*MAXN-1];
  integer cnt [0:MAXL-1];
  integer n, steps, channels, nl, nout_last, i, t, c, l, k, w, b, fd, cycles, ticks;
  reg [31:0] rd;

  // Inputs change while the clock is low; outputs are sampled 1 ns after the rising edge.
  task tick;
    begin
      #5 clk = 1'b1;
      ticks = ticks + 1;
      #1;
      #4 clk = 1'b0;
    end
  endtask

  task bus_write(input [19:0] a, input [31:0] d);
    begin
      bus_we = 1'b1;
      bus_addr = a;
      bus_wdata = d;
      tick;
      bus_we = 1'b0;
    end
  endtask

  task bus_read(input [19:0] a);
    begin
      bus_re = 1'b1;
      bus_addr = a;
      tick;
      rd = bus_rdata;
      bus_re = 1'b0;
    end
  endtask

  initial begin
    ticks = 0;
    if (!$value$plusargs("n=%d", n) || !$value$plusargs("steps=%d", steps) ||
        !$value$plusargs("channels=%d", channels))
      $fatal(1, "dynalign-tb: give +n= +steps= +channels=");
    fd = $fopen("inputs.hex", "r");
    if (fd == 0) $fatal(1, "dynalign-tb: missing inputs file inputs.hex");
    $fclose(fd);
    $readmemh("inputs.hex", codes);
    fd = $fopen("params.hex", "r");
    if (fd == 0) $fatal(1, "dynalign-tb: missing memory image params.hex");
    $fclose(fd);
    $readmemh("params.hex", params);
    nl = params[1];
    nout_last = params[2 + 8 * (nl - 1)] >> 16;
    fd = $fopen("trace.txt", "w");

    // Reset, boot (the core copies PMEM into its layer table), clear the counters.
    tick;
    tick;
    rst = 1'b0;
    while (busy) tick;
    bus_write(20'h00002, 32'hC);
    for (i = 0; i < n; i = i + 1) begin
      for (t = 0; t < steps; t = t + 1) begin
        for (c = 0; c < channels; c = c + 1)
          bus_write(20'h10000 + c, {24'd0, codes[(i * steps + t) * channels + c]});
        for (l = 0; l < nl; l = l + 1) cnt[l] = 0;
        bus_write(20'h00002, t == 0 ? 32'h3 : 32'h1);
        cycles = 0;
        while (busy) begin
          tick;
          cycles = cycles + 1;
          if (dbg_spike) begin
            sp[dbg_layer * MAXN + cnt[dbg_layer]] = dbg_neuron;
            cnt[dbg_layer] = cnt[dbg_layer] + 1;
          end
        end
        for (l = 0; l < nl; l = l + 1) begin
          $fwrite(fd, "S %0d %0d %0d %0d", i, t, l, cnt[l]);
          for (k = 0; k < cnt[l]; k = k + 1) $fwrite(fd, " %0d", sp[l * MAXN + k]);
          $fwrite(fd, "\n");
        end
        $fwrite(fd, "O %0d %0d", i, t);
        for (w = 0; w * 32 < nout_last; w = w + 1) begin
          bus_read(20'h00100 + w);
          for (b = 0; b < 32; b = b + 1) if (rd[b]) $fwrite(fd, " %0d", w * 32 + b);
        end
        bus_read(20'h00004);
        $fwrite(fd, "\nC %0d %0d %0d %0d\n", i, t, cycles, rd);
      end
    end
    $fwrite(fd, "T");
    for (k = 5; k <= 9; k = k + 1) begin
      bus_read(k);
      $fwrite(fd, " %0d", rd);
    end
    $fwrite(fd, "\n");
    $fclose(fd);
    $display("dynalign-tb: %0d inputs, %0d clock cycles simulated", n, ticks);
    $finish;
  end
endmodule
