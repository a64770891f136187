// The neuron update of README §2, split in the two pipeline stages of the update pass.
// Stage A (registered by the caller): current I from the accumulator and the leaked membrane m.
module dl_neuron_a #(
  parameter integer S = 16,
  parameter integer A = S + 8,
  parameter integer CW = A + 12,
  parameter integer LEAK_SHIFT = 0
) (
  input  wire signed [A-1:0]  acc,
  input  wire signed [S-1:0]  v,
  input  wire         [8:0]   leak,   // β_q (multiply form) or k (shift form)
  input  wire signed [4:0]    sh,     // accumulator shift, −8 … 15
  output wire signed [CW-1:0] cur,
  output wire signed [CW-1:0] m
);
  wire signed [CW-1:0] acc_x = acc;
  wire [4:0] sh_neg = -sh;
  // Round half up: add 2^(sh−1) before the arithmetic shift right (README §2).
  wire signed [CW-1:0] half = (sh > 0) ? (({{(CW-1){1'b0}}, 1'b1}) << (sh - 1)) : {CW{1'b0}};
  assign cur = sh[4] ? (acc_x <<< sh_neg) : ((acc_x + half) >>> sh);

  wire signed [CW-1:0] v_x = v;
  generate
    if (LEAK_SHIFT != 0) begin : g_shift
      // m = v − (v >>> k); k = 0 disables the leak.
      assign m = (leak[4:0] == 5'd0) ? v_x : (v_x - (v_x >>> leak[4:0]));
    end else begin : g_mul
      // m = (v · β_q) >>> 8, β_q unsigned in [0, 256].
      wire signed [S+10:0] prod = v * $signed({2'b00, leak});
      wire signed [CW-1:0] prod_x = prod;
      assign m = prod_x >>> 8;
    end
  endgenerate
endmodule

// Stage B: add, reset, saturate to S bits, compare with θ.
module dl_neuron_b #(
  parameter integer S = 16,
  parameter integer A = S + 8,
  parameter integer CW = A + 12
) (
  input  wire signed [CW-1:0] cur,
  input  wire signed [CW-1:0] m,
  input  wire signed [S-1:0]  bias,
  input  wire signed [S-1:0]  theta,
  input  wire signed [S-1:0]  vr,
  input  wire                 s_prev,
  input  wire                 zero_reset,
  output wire signed [S-1:0]  v_next,
  output wire                 spike
);
  wire signed [CW-1:0] bias_x = bias;
  wire signed [CW-1:0] theta_x = theta;
  wire signed [CW-1:0] vr_x = vr;
  wire signed [CW-1:0] sum = m + cur + bias_x;
  // Subtract reset uses the previous step's spike (snnTorch Leaky); zero reset replaces v.
  wire signed [CW-1:0] u = zero_reset ? (s_prev ? vr_x : sum) : (s_prev ? sum - theta_x : sum);
  wire signed [CW-1:0] vmax = (({{(CW-1){1'b0}}, 1'b1}) <<< (S - 1)) - 1;
  wire signed [CW-1:0] vmin = -(({{(CW-1){1'b0}}, 1'b1}) <<< (S - 1));
  wire signed [CW-1:0] sat = (u > vmax) ? vmax : ((u < vmin) ? vmin : u);
  assign v_next = sat[S-1:0];
  assign spike = v_next > theta;
endmodule
