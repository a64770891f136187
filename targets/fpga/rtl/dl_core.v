// dynalign LIF core: one time-multiplexed, event-driven datapath for every layer (README §1).
// Sequencer states and their cycle counts are the cycle model of README §3; the register and
// memory map is README §4.
module dl_core #(
  parameter integer LANES = 2,
  parameter integer WB = 8,
  parameter integer S = 16,
  parameter integer LEAK_SHIFT = 0,
  parameter integer MAXL = 4,
  parameter integer IN_DEPTH = 21,
  parameter integer W_DEPTH = 1024,
  parameter integer N_DEPTH = 256,
  parameter integer P_DEPTH = 256,
  parameter integer A_DEPTH = 64,
  parameter integer SL_DEPTH = 128,
  parameter W_INIT = "",
  parameter B_INIT = "",
  parameter P_INIT = ""
) (
  input  wire        clk,
  input  wire        rst,
  input  wire        bus_we,
  input  wire        bus_re,
  input  wire [19:0] bus_addr,
  input  wire [31:0] bus_wdata,
  output reg  [31:0] bus_rdata,
  output wire        busy,
  output reg         dbg_spike,
  output reg  [7:0]  dbg_layer,
  output reg  [15:0] dbg_neuron
);
  // Widths (README §2): accumulator A = S + 8.
  localparam integer A = S + 8;
  localparam integer WW = LANES * WB;
  localparam integer AWW = LANES * A;
  localparam integer NP = 2 + 8 * MAXL;
  localparam integer IAW = (IN_DEPTH <= 2) ? 1 : $clog2(IN_DEPTH);
  localparam integer WAW = (W_DEPTH <= 2) ? 1 : $clog2(W_DEPTH);
  localparam integer NAW = (N_DEPTH <= 2) ? 1 : $clog2(N_DEPTH);
  localparam integer AAW = (A_DEPTH <= 2) ? 1 : $clog2(A_DEPTH);
  localparam integer SAW = (SL_DEPTH <= 2) ? 1 : $clog2(SL_DEPTH);
  localparam integer PAW = (P_DEPTH <= 2) ? 1 : $clog2(P_DEPTH);
  localparam integer LW = (MAXL <= 2) ? 1 : $clog2(MAXL);
  localparam [31:0] ID = 32'h444C4331;
  localparam [31:0] HWCONF = ($clog2(LANES)) | (WB << 4) | (S << 8) | (LEAK_SHIFT << 13)
                             | (MAXL << 16);

  localparam [3:0] ST_IDLE = 4'd0, ST_LBEGIN = 4'd1, ST_FETCH = 4'd2, ST_DECODE = 4'd3,
                   ST_ROW = 4'd4, ST_UPD = 4'd5, ST_DRAIN = 4'd6, ST_DONE = 4'd7,
                   ST_BOOT = 4'd8;
  reg [3:0] st;
  assign busy = st != ST_IDLE;
  wire stepping = busy && st != ST_BOOT;

  // ---- bus decode ----
  wire [3:0]  region = bus_addr[19:16];
  wire [15:0] off = bus_addr[15:0];
  wire mem_access = (bus_we | bus_re) && region != 4'd0;
  wire pw_bus = bus_we && !busy && region == 4'd0 && off >= 16'h10 && off < 16'h10 + NP;

  // ---- sequencer registers ----
  reg [LW-1:0]  l;          // current layer
  reg           first;      // CTRL.FIRST latched at START
  reg [15:0]    e, nsrc;    // event index and number of source entries
  reg [15:0]    k;          // word of the weight row
  reg [WAW-1:0] rowaddr;
  reg signed [7:0] val;     // event value: input code (layer 0) or 1
  reg [15:0]    j;          // neuron issued in the update pass
  reg           drain;
  reg           wsel;       // spike list written by the current layer
  reg [15:0]    cnt_out;    // spikes of the current layer so far
  reg [PAW:0]   boot_i;
  reg           done_f, overrun_f, buserr_f;
  reg [31:0]    c_last, c_total, c_synops, c_macs, c_spikes, c_steps, c_spk_last;
  reg [SL_DEPTH-1:0] outb;

  // The layer table and the current layer's descriptor (dl_ltab, below).
  wire          cfg_zero;
  wire [7:0]    nlayers;
  wire [15:0]   nin_sel, nout_l, rows_l;
  wire [WAW-1:0] wbase_l;
  wire [NAW-1:0] nbase_l;
  wire [S-1:0]  theta_l, vr_l;
  wire [8:0]    leak_l;
  wire [4:0]    sh_l;
  wire [14:0]   half_l;
  wire last_layer = ({{(8-LW){1'b0}}, l} + 8'd1 >= nlayers) || (l == MAXL - 1);

  // ---- memories ----
  wire [7:0] imem_q;
  dl_ram_sdp #(.W(8), .D(IN_DEPTH)) u_imem (
    .clk(clk), .we(bus_we && !busy && region == 4'd1), .waddr(off[IAW-1:0]),
    .wdata(bus_wdata[7:0]), .raddr(e[IAW-1:0]), .rdata(imem_q));

  wire [WW-1:0] wmem_q;
  wire [WAW-1:0] wmem_addr = busy ? rowaddr + k[WAW-1:0] : off[WAW-1:0];
  dl_ram_sp #(.W(WW), .D(W_DEPTH), .INIT(W_INIT)) u_wmem (
    .clk(clk), .we(bus_we && !busy && region == 4'd2), .addr(wmem_addr),
    .wdata(bus_wdata[WW-1:0]), .rdata(wmem_q));

  wire [S-1:0] bmem_q;
  dl_ram_sdp #(.W(S), .D(N_DEPTH), .INIT(B_INIT)) u_bmem (
    .clk(clk), .we(bus_we && !busy && region == 4'd3), .waddr(off[NAW-1:0]),
    .wdata(bus_wdata[S-1:0]), .raddr(busy ? nbase_l + j[NAW-1:0] : off[NAW-1:0]),
    .rdata(bmem_q));

  // Update stage B writes NMEM; the bus may write it while idle.
  reg           b_valid;
  reg [15:0]    b_j;
  wire [S-1:0]  b_vnext;
  wire          b_spike;
  wire [S:0]    nmem_q;
  dl_ram_sdp #(.W(S + 1), .D(N_DEPTH)) u_nmem (
    .clk(clk), .we(busy ? b_valid : (bus_we && region == 4'd4)),
    .waddr(busy ? nbase_l + b_j[NAW-1:0] : off[NAW-1:0]),
    .wdata(busy ? {b_spike, b_vnext} : bus_wdata[S:0]),
    .raddr(busy ? nbase_l + j[NAW-1:0] : off[NAW-1:0]), .rdata(nmem_q));

  // Accumulators: written by the event phase write-back or cleared by update stage A.
  reg           wb_valid;
  reg [AAW-1:0] wb_k;
  reg           a_valid;
  reg [15:0]    a_j;
  wire [AWW-1:0] amem_q;
  wire [AWW-1:0] wb_sum;
  wire a_clear = a_valid && ((a_j % LANES) == LANES - 1 || a_j == nout_l - 16'd1);
  wire [15:0] a_word = a_j / LANES;
  wire [15:0] j_word = j / LANES;
  dl_ram_sdp #(.W(AWW), .D(A_DEPTH)) u_amem (
    .clk(clk), .we(wb_valid || a_clear), .waddr(wb_valid ? wb_k : a_word[AAW-1:0]),
    .wdata(wb_valid ? wb_sum : {AWW{1'b0}}),
    .raddr(st == ST_UPD ? j_word[AAW-1:0] : k[AAW-1:0]), .rdata(amem_q));

  genvar p;
  generate
    for (p = 0; p < LANES; p = p + 1) begin : g_lane
      wire signed [WB-1:0] w = wmem_q[p*WB +: WB];
      wire signed [A-1:0] acc = amem_q[p*A +: A];
      wire signed [WB+7:0] prod = w * val;
      wire signed [A-1:0] prod_x = prod;
      assign wb_sum[p*A +: A] = acc + prod_x;
    end
  endgenerate

  // Spike lists (ping-pong): the current layer writes list wsel, reads list ~wsel.
  wire [15:0] sl0_q, sl1_q;
  wire [SAW-1:0] sl_waddr = cnt_out[SAW-1:0];
  wire sl_we = b_valid && b_spike;
  dl_ram_sdp #(.W(16), .D(SL_DEPTH)) u_sl0 (
    .clk(clk), .we(sl_we && !wsel), .waddr(sl_waddr), .wdata(b_j),
    .raddr(e[SAW-1:0]), .rdata(sl0_q));
  dl_ram_sdp #(.W(16), .D(SL_DEPTH)) u_sl1 (
    .clk(clk), .we(sl_we && wsel), .waddr(sl_waddr), .wdata(b_j),
    .raddr(e[SAW-1:0]), .rdata(sl1_q));
  wire [15:0] sl_in_q = wsel ? sl0_q : sl1_q;

  // Parameter words: PMEM holds them so the bitstream (or icebram) can carry them.
  wire [31:0] pmem_q;
  wire [15:0] poff = off - 16'h10;
  wire [PAW:0] boot_prev = boot_i - 1'b1;
  wire [PAW-1:0] pw_idx = pw_bus ? poff[PAW-1:0] : boot_prev[PAW-1:0];
  dl_ram_sdp #(.W(32), .D(P_DEPTH), .INIT(P_INIT)) u_pmem (
    .clk(clk), .we(pw_bus), .waddr(poff[PAW-1:0]), .wdata(bus_wdata),
    .raddr(st == ST_BOOT ? boot_i[PAW-1:0] : poff[PAW-1:0]), .rdata(pmem_q));
  wire pw_en = pw_bus || (st == ST_BOOT && boot_i != 0);
  wire [31:0] pw_data = pw_bus ? bus_wdata : pmem_q;
  dl_ltab #(.MAXL(MAXL), .S(S), .WAW(WAW), .NAW(NAW), .PAW(PAW), .LW(LW)) u_ltab (
    .clk(clk), .pw_en(pw_en), .pw_idx(pw_idx), .pw_data(pw_data), .l(l),
    .load(st == ST_LBEGIN), .cfg_zero(cfg_zero), .nlayers(nlayers), .nin_sel(nin_sel),
    .nout_l(nout_l), .rows_l(rows_l), .wbase_l(wbase_l), .nbase_l(nbase_l), .theta_l(theta_l),
    .vr_l(vr_l), .leak_l(leak_l), .sh_l(sh_l), .half_l(half_l));


  // ---- update pass, stage A: current, leak, bias − reset from the memory outputs ----
  wire signed [S+2:0] na_cur;
  wire signed [S:0] na_m;
  wire signed [S+1:0] na_bm;
  wire [15:0] a_lane = a_j % LANES;
  wire a_sp = first ? 1'b0 : nmem_q[S];
  dl_neuron_a #(.S(S), .A(A), .LEAK_SHIFT(LEAK_SHIFT)) u_na (
    .acc(amem_q[a_lane*A +: A]), .v(first ? {S{1'b0}} : nmem_q[S-1:0]), .bias(bmem_q),
    .theta(theta_l), .s_prev(a_sp), .zero_reset(cfg_zero), .leak(leak_l),
    .sh(sh_l), .half(half_l), .cur(na_cur), .m(na_m), .bm(na_bm));

  // ---- stage B: add, zero reset, saturate, threshold ----
  reg signed [S+2:0] b_cur;
  reg signed [S:0] b_m;
  reg signed [S+1:0] b_bm;
  reg b_sp;
  dl_neuron_b #(.S(S)) u_nb (
    .cur(b_cur), .m(b_m), .bm(b_bm), .theta(theta_l), .vr(vr_l), .s_prev(b_sp),
    .zero_reset(cfg_zero), .v_next(b_vnext), .spike(b_spike));

  wire [15:0] idx = (l == 0) ? e : sl_in_q;
  wire [31:0] row0 = wbase_l + idx * rows_l;

  always @(posedge clk) begin
    dbg_spike <= 1'b0;
    wb_valid <= 1'b0;
    a_valid <= st == ST_UPD;
    a_j <= j;
    b_valid <= a_valid;
    b_j <= a_j;
    b_cur <= na_cur;
    b_m <= na_m;
    b_bm <= na_bm;
    b_sp <= a_sp;
    if (rst) begin
      st <= ST_BOOT;
      boot_i <= 0;
      {done_f, overrun_f, buserr_f} <= 3'b000;
      {c_last, c_total, c_synops, c_macs, c_spikes, c_steps, c_spk_last} <= 224'd0;
      {a_valid, b_valid} <= 2'b00;
      outb <= {SL_DEPTH{1'b0}};
      l <= 0;
    end else begin
      // CTRL and errors.
      if (bus_we && region == 4'd0 && off == 16'h2) begin
        if (bus_wdata[2]) {c_total, c_synops, c_macs, c_spikes, c_steps} <= 160'd0;
        if (bus_wdata[3]) {overrun_f, buserr_f} <= 2'b00;
        if (bus_wdata[0] && busy) overrun_f <= 1'b1;
        if (bus_wdata[0] && !busy) begin
          st <= ST_LBEGIN;
          l <= 0;
          first <= bus_wdata[1];
          done_f <= 1'b0;
          c_last <= 32'd0;
          c_spk_last <= 32'd0;
          outb <= {SL_DEPTH{1'b0}};
          wsel <= 1'b0;
          cnt_out <= 16'd0;
        end
      end
      if (busy && (mem_access || (bus_we && region == 4'd0 && off >= 16'h10))) buserr_f <= 1'b1;
      if (stepping) begin
        c_last <= c_last + 1;
        c_total <= c_total + 1;
      end

      // Stage B side effects: spike list, output bitmap, counters, debug port.
      if (b_valid && b_spike) begin
        cnt_out <= cnt_out + 1;
        c_spikes <= c_spikes + 1;
        c_spk_last <= c_spk_last + 1;
        dbg_spike <= 1'b1;
        dbg_layer <= {{(8-LW){1'b0}}, l};
        dbg_neuron <= b_j;
        if (last_layer) outb[b_j[SAW-1:0]] <= 1'b1;
      end

      // The sequencer: one state per cycle class of README §3.
      case (st)
        ST_BOOT: begin
          boot_i <= boot_i + 1;
          if (boot_i == NP) st <= ST_IDLE;
        end
        ST_LBEGIN: begin
          e <= 16'd0;
          nsrc <= (l == 0) ? nin_sel : cnt_out;
          cnt_out <= 16'd0;
          if (l != 0) wsel <= ~wsel;
          st <= ST_FETCH;
        end
        ST_FETCH: begin
          j <= 16'd0;
          st <= (e == nsrc) ? ST_UPD : ST_DECODE;
        end
        ST_DECODE: begin
          if (l == 0 && imem_q == 8'd0) begin
            e <= e + 1;
            st <= ST_FETCH;
          end else begin
            val <= (l == 0) ? imem_q : 8'sd1;
            rowaddr <= row0[WAW-1:0];
            k <= 16'd0;
            st <= ST_ROW;
            if (l == 0) c_macs <= c_macs + nout_l;
            else c_synops <= c_synops + nout_l;
          end
        end
        ST_ROW: begin
          wb_valid <= 1'b1;
          wb_k <= k[AAW-1:0];
          if (k == rows_l - 1) begin
            e <= e + 1;
            st <= ST_FETCH;
          end else k <= k + 1;
        end
        ST_UPD: begin
          if (j == nout_l - 1) begin
            st <= ST_DRAIN;
            drain <= 1'b0;
          end else j <= j + 1;
        end
        ST_DRAIN: begin
          drain <= 1'b1;
          if (drain) begin
            if (last_layer) st <= ST_DONE;
            else begin
              l <= l + 1;
              st <= ST_LBEGIN;
            end
          end
        end
        ST_DONE: begin
          done_f <= 1'b1;
          c_steps <= c_steps + 1;
          st <= ST_IDLE;
        end
        default: ;
      endcase
    end
  end

  // ---- bus reads: rdata is valid the cycle after bus_re ----
  reg [3:0]  rd_region;
  reg        rd_param;
  reg [31:0] csr_q;
  wire [31:0] outb_word = outb >> {off[7:0], 5'b00000};
  wire [31:0] wq32 = {{32{1'b0}}, wmem_q};
  wire signed [31:0] bq32 = $signed(bmem_q);
  wire [31:0] nq32 = {{32{1'b0}}, nmem_q};
  always @(posedge clk) begin
    if (bus_re) begin
      rd_region <= region;
      rd_param <= region == 4'd0 && off >= 16'h10 && off < 16'h10 + NP;
      case (off)
        16'h0: csr_q <= ID;
        16'h1: csr_q <= HWCONF;
        16'h3: csr_q <= {28'd0, buserr_f, overrun_f, done_f, busy};
        16'h4: csr_q <= c_last;
        16'h5: csr_q <= c_total;
        16'h6: csr_q <= c_synops;
        16'h7: csr_q <= c_macs;
        16'h8: csr_q <= c_spikes;
        16'h9: csr_q <= c_steps;
        16'hA: csr_q <= c_spk_last;
        default: csr_q <= (off >= 16'h100) ? outb_word : 32'd0;
      endcase
    end
  end
  always @* begin
    case (rd_region)
      4'd0: bus_rdata = rd_param ? pmem_q : csr_q;
      4'd2: bus_rdata = wq32;
      4'd3: bus_rdata = bq32;
      4'd4: bus_rdata = nq32;
      default: bus_rdata = 32'd0;
    endcase
  end
endmodule
