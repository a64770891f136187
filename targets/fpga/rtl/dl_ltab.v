// dl_ltab: the layer table of README §4 (written word by word from PMEM at boot or from the bus) and
// the current layer's descriptor, registered in LBEGIN so that the table's multiplexers stay
// out of the datapath's timing paths.
module dl_ltab #(
  parameter integer MAXL = 4,
  parameter integer S = 16,
  parameter integer WAW = 10,
  parameter integer NAW = 8,
  parameter integer PAW = 8,
  parameter integer LW = 2
) (
  input  wire           clk,
  input  wire           pw_en,
  input  wire [PAW-1:0] pw_idx,
  input  wire [31:0]    pw_data,
  input  wire [LW-1:0]  l,
  input  wire           load,
  output reg            cfg_zero,
  output reg  [7:0]     nlayers,
  output wire [15:0]    nin_sel,
  output reg  [15:0]    nout_l,
  output reg  [15:0]    rows_l,
  output reg  [WAW-1:0] wbase_l,
  output reg  [NAW-1:0] nbase_l,
  output reg  [S-1:0]   theta_l,
  output reg  [S-1:0]   vr_l,
  output reg  [8:0]     leak_l,
  output reg  [4:0]     sh_l,
  output reg  [14:0]    half_l
);
  reg [15:0]    t_nin  [0:MAXL-1];
  reg [15:0]    t_nout [0:MAXL-1];
  reg [15:0]    t_rows [0:MAXL-1];
  reg [WAW-1:0] t_wbase[0:MAXL-1];
  reg [NAW-1:0] t_nbase[0:MAXL-1];
  reg [S-1:0]   t_theta[0:MAXL-1];
  reg [S-1:0]   t_vr   [0:MAXL-1];
  reg [8:0]     t_leak [0:MAXL-1];
  reg [4:0]     t_sh   [0:MAXL-1];
  assign nin_sel = t_nin[l];
  always @(posedge clk) begin : write_and_load
    integer q;
    // Word 0 CONFIG, word 1 NLAYERS, then word 2 + 8·layer + field.
    if (pw_en) begin
      if (pw_idx == 0) cfg_zero <= pw_data[0];
      else if (pw_idx == 1) nlayers <= pw_data[7:0];
      else begin
        q = pw_idx - 2;
        case (q % 8)
          0: begin t_nin[q / 8] <= pw_data[15:0]; t_nout[q / 8] <= pw_data[31:16]; end
          1: t_rows[q / 8] <= pw_data[15:0];
          2: t_wbase[q / 8] <= pw_data[WAW-1:0];
          3: t_nbase[q / 8] <= pw_data[NAW-1:0];
          4: t_theta[q / 8] <= pw_data[S-1:0];
          5: t_vr[q / 8] <= pw_data[S-1:0];
          6: t_leak[q / 8] <= pw_data[8:0];
          default: t_sh[q / 8] <= pw_data[4:0];
        endcase
      end
    end

    // LBEGIN: the descriptor of layer l, and 2^(sh−1) for the rounding of README §2.
    if (load) begin
      nout_l <= t_nout[l];
      rows_l <= t_rows[l];
      wbase_l <= t_wbase[l];
      nbase_l <= t_nbase[l];
      theta_l <= t_theta[l];
      vr_l <= t_vr[l];
      leak_l <= t_leak[l];
      sh_l <= t_sh[l];
      half_l <= (!t_sh[l][4] && t_sh[l] != 5'd0) ? (15'd1 << (t_sh[l][3:0] - 4'd1)) : 15'd0;
    end
  end
endmodule
