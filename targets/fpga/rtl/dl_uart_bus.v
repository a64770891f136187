// UART (8N1) to register-bus bridge of the board top (README §4, "Board top"):
// 'W' a0 a1 a2 d0 d1 d2 d3 writes bus word a (20 bits, little-endian) with d (little-endian);
// 'R' a0 a1 a2 reads it and answers d0 d1 d2 d3. Any other command byte is ignored.
module dl_uart_bus #(
  parameter integer CLKS_PER_BIT = 104
) (
  input  wire        clk,
  input  wire        rst,
  input  wire        rx,
  output reg         tx,
  output reg         bus_we,
  output reg         bus_re,
  output reg  [19:0] bus_addr,
  output reg  [31:0] bus_wdata,
  input  wire [31:0] bus_rdata
);
  localparam integer CW = $clog2(CLKS_PER_BIT * 2);

  // ---- receiver: sample each bit in its middle ----
  reg [1:0] rx_sync;
  reg [CW-1:0] rx_cnt;
  reg [3:0] rx_bit;
  reg [7:0] rx_shift;
  reg rx_busy, rx_valid;
  always @(posedge clk) begin
    rx_sync <= {rx_sync[0], rx};
    rx_valid <= 1'b0;
    if (rst) begin
      rx_busy <= 1'b0;
      rx_sync <= 2'b11;
    end else if (!rx_busy) begin
      if (!rx_sync[1]) begin
        rx_busy <= 1'b1;
        rx_cnt <= CLKS_PER_BIT / 2;
        rx_bit <= 4'd0;
      end
    end else if (rx_cnt != 0) rx_cnt <= rx_cnt - 1'b1;
    else begin
      rx_cnt <= CLKS_PER_BIT - 1;
      rx_bit <= rx_bit + 1'b1;
      if (rx_bit == 4'd0 && rx_sync[1]) rx_busy <= 1'b0;  // false start bit
      else if (rx_bit >= 4'd1 && rx_bit <= 4'd8) rx_shift <= {rx_sync[1], rx_shift[7:1]};
      else if (rx_bit == 4'd9) begin
        rx_busy <= 1'b0;
        rx_valid <= rx_sync[1];  // a byte counts only with a good stop bit
      end
    end
  end

  // ---- transmitter: owns the 4-byte reply; start bit, 8 data bits LSB first, stop bit ----
  reg [CW-1:0] tx_cnt;
  reg [3:0] tx_bit;
  reg [9:0] tx_shift;
  reg tx_busy;
  reg [31:0] reply;
  reg [2:0] reply_left;
  reg read_pending;
  always @(posedge clk) begin
    if (rst) begin
      tx <= 1'b1;
      tx_busy <= 1'b0;
      reply_left <= 3'd0;
    end else if (read_pending) begin
      reply <= bus_rdata;
      reply_left <= 3'd4;
    end else if (tx_busy) begin
      if (tx_cnt != 0) tx_cnt <= tx_cnt - 1'b1;
      else begin
        tx_cnt <= CLKS_PER_BIT - 1;
        tx <= tx_shift[0];
        tx_shift <= {1'b1, tx_shift[9:1]};
        tx_bit <= tx_bit + 1'b1;
        if (tx_bit == 4'd10) begin
          tx_busy <= 1'b0;
          tx <= 1'b1;
        end
      end
    end else if (reply_left != 0) begin
      tx_busy <= 1'b1;
      tx_cnt <= 0;
      tx_bit <= 4'd0;
      tx_shift <= {1'b1, reply[7:0], 1'b0};
      reply <= {8'd0, reply[31:8]};
      reply_left <= reply_left - 1'b1;
    end
  end

  // ---- command parser ----
  reg [7:0] cmd;
  reg [3:0] got;
  always @(posedge clk) begin
    bus_we <= 1'b0;
    bus_re <= 1'b0;
    read_pending <= bus_re;
    if (rst) begin
      got <= 4'd0;
      read_pending <= 1'b0;
    end else if (rx_valid) begin
      if (got == 4'd0) begin
        cmd <= rx_shift;
        got <= (rx_shift == 8'h57 || rx_shift == 8'h52) ? 4'd1 : 4'd0;
      end else begin
        got <= got + 1'b1;
        case (got)
          4'd1: bus_addr[7:0] <= rx_shift;
          4'd2: bus_addr[15:8] <= rx_shift;
          4'd3: begin
            bus_addr[19:16] <= rx_shift[3:0];
            if (cmd == 8'h52) begin
              bus_re <= 1'b1;
              got <= 4'd0;
            end
          end
          4'd4: bus_wdata[7:0] <= rx_shift;
          4'd5: bus_wdata[15:8] <= rx_shift;
          4'd6: bus_wdata[23:16] <= rx_shift;
          default: begin
            bus_wdata[31:24] <= rx_shift;
            bus_we <= 1'b1;
            got <= 4'd0;
          end
        endcase
      end
    end
  end
endmodule
