// The neuron update of README §2, in the two pipeline stages of the update pass.
// Stage A: current I from the accumulator, leaked membrane m, and bias minus the reset term.
// I is clamped to S+3 bits: |m + b − θ| < 2^(S+1), so any |I| ≥ 2^(S+2) saturates v' to the
// same bound as the exact value does; the clamp changes no result of the profile.
module dl_neuron_a #(
  parameter integer S = 16,
  parameter integer A = S + 8,
  parameter integer LEAK_SHIFT = 0
) (
  input  wire signed [A-1:0]  acc,
  input  wire signed [S-1:0]  v,
  input  wire signed [S-1:0]  bias,
  input  wire signed [S-1:0]  theta,
  input  wire                 s_prev,
  input  wire                 zero_reset,
  input  wire         [8:0]   leak,   // β_q (multiply form) or k (shift form)
  input  wire signed [4:0]    sh,     // accumulator shift, −8 … 15
  input  wire         [14:0]  half,   // 2^(sh−1) when sh > 0, else 0
  output wire signed [S+2:0]  cur,
  output wire signed [S:0]    m,
  output wire signed [S+1:0]  bm
);
  localparam integer XW = A + 9;
  wire signed [XW-1:0] acc_x = {{9{acc[A-1]}}, acc};
  wire [3:0] sh_left = 4'd0 - sh[3:0];
  // Round half up: add 2^(sh−1) before the arithmetic shift right (README §2).
  wire signed [XW-1:0] half_x = {{(XW-15){1'b0}}, half};
  wire signed [XW-1:0] shifted = sh[4] ? (acc_x <<< sh_left) : ((acc_x + half_x) >>> sh[3:0]);
  // Clamp to [−2^(S+2), 2^(S+2) − 1]: the bits above S+2 must all equal the sign.
  wire [XW-S-3:0] top = shifted[XW-1:S+2];
  wire fits = (top == {(XW-S-2){1'b0}}) || (top == {(XW-S-2){1'b1}});
  assign cur = fits ? shifted[S+2:0] : {shifted[XW-1], {(S+2){!shifted[XW-1]}}};

  // Bias minus the subtract-reset term (zero reset replaces the sum in stage B instead).
  wire signed [S+1:0] bias_x = {bias[S-1], bias[S-1], bias};
  wire signed [S+1:0] theta_x = {theta[S-1], theta[S-1], theta};
  assign bm = (s_prev && !zero_reset) ? bias_x - theta_x : bias_x;

  generate
    if (LEAK_SHIFT != 0) begin : g_shift
      // m = v − (v >>> k); k = 0 disables the leak.
      wire signed [S:0] v_x = {v[S-1], v};
      assign m = (leak[4:0] == 5'd0) ? v_x : (v_x - (v_x >>> leak[4:0]));
    end else begin : g_mul
      // m = (v · β_q) >>> 8, β_q unsigned in [0, 256].
      wire signed [S+10:0] prod = v * $signed({2'b00, leak});
      assign m = prod[S+8:8];
    end
  endgenerate
endmodule

// Stage B: add, zero reset, saturate to S bits, compare with θ (strictly greater).
module dl_neuron_b #(
  parameter integer S = 16
) (
  input  wire signed [S+2:0]  cur,
  input  wire signed [S:0]    m,
  input  wire signed [S+1:0]  bm,
  input  wire signed [S-1:0]  theta,
  input  wire signed [S-1:0]  vr,
  input  wire                 s_prev,
  input  wire                 zero_reset,
  output wire signed [S-1:0]  v_next,
  output wire                 spike
);
  wire signed [S+4:0] sum = {{2{cur[S+2]}}, cur} + {{4{m[S]}}, m} + {{3{bm[S+1]}}, bm};
  wire signed [S+4:0] u = (zero_reset && s_prev) ? {{5{vr[S-1]}}, vr} : sum;
  wire over = !u[S+4] && (u[S+3:S-1] != 0);
  wire under = u[S+4] && (u[S+3:S-1] != {5{1'b1}});
  assign v_next = over ? {1'b0, {(S-1){1'b1}}} : (under ? {1'b1, {(S-1){1'b0}}} : u[S-1:0]);
  // v' > θ, decided on u: saturation can only lower v' to 2^(S−1)−1, which exceeds θ unless
  // θ is that largest value itself.
  wire theta_max = theta == {1'b0, {(S-1){1'b1}}};
  assign spike = (u > $signed({{5{theta[S-1]}}, theta})) && !theta_max;
endmodule
