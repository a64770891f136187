// Verilog of a compiled network: the fixed modules of rtl/ (stamped) plus a generated wrapper
// with this network's sizes (dl_accel.v) and a board top with the UART bridge (dl_top.v).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LTAB_WORDS } from './arch.js';
import type { FpgaProgram } from './quantize.js';
import type { ResourcePlan } from './resources.js';
import { stampLine, type Stamp } from './stamp.js';

const RTL_DIR = fileURLToPath(new URL('../rtl/', import.meta.url));
/** The fixed modules of rtl/ that every design copies (the board top adds the UART bridge). */
export const RTL_MODULES = [
  'dl_core.v',
  'dl_ltab.v',
  'dl_neuron.v',
  'dl_ram_sdp.v',
  'dl_ram_sp.v',
  'dl_uart_bus.v',
];
// iCEBreaker board: 12 MHz oscillator on pin 35, FTDI UART RX 6 / TX 9, red LED 11 (active low).
export const BOARD = {
  clockHz: 12_000_000,
  baud: 115_200,
  pins: { clk: 35, rx: 6, tx: 9, led: 11 },
};

/** Every Verilog file of the design by name, stamped. */
export function verilogFiles(
  prog: FpgaProgram,
  plan: ResourcePlan,
  stamp: Stamp,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of RTL_MODULES) out[f] = `${stampLine(stamp)}\n${readFileSync(RTL_DIR + f, 'utf8')}`;
  out['dl_accel.v'] = `${stampLine(stamp)}\n${accelWrapper(prog, plan)}`;
  out['dl_top.v'] = `${stampLine(stamp)}\n${boardTop()}`;
  return out;
}

/** Core parameters of this network and its memory plan (also written to the manifest). */
export function coreParams(prog: FpgaProgram, plan: ResourcePlan): Record<string, number> {
  const depth = (name: string): number => plan.memories.find((m) => m.name === name)!.depth;
  return {
    LANES: prog.arch.lanes,
    WB: prog.arch.weightBits,
    S: prog.arch.stateBits,
    LEAK_SHIFT: prog.arch.leak === 'shift' ? 1 : 0,
    MAXL: prog.layers.length,
    IN_DEPTH: prog.nInputs,
    W_DEPTH: depth('WMEM'),
    N_DEPTH: depth('BMEM'),
    P_DEPTH: depth('PMEM'),
    A_DEPTH: Math.max(...prog.layers.map((l) => l.rows)),
    SL_DEPTH: Math.max(...prog.layers.map((l) => l.nOut)),
  };
}

/** Number of parameter words of the design (CONFIG, NLAYERS, 8 per layer). */
export function paramWordCount(prog: FpgaProgram): number {
  return 2 + LTAB_WORDS * prog.layers.length;
}

function accelWrapper(prog: FpgaProgram, plan: ResourcePlan): string {
  const p = coreParams(prog, plan);
  const wInBitstream = plan.memories.find((m) => m.name === 'WMEM')?.inBitstream === true;
  const params = Object.entries(p).map(([k, v]) => `    .${k}(${v}),`);
  return `// The core sized for this network. Memory images: in synthesis the placeholders that
// icebram later replaces (README §5); in simulation none (the harness loads them over the
// bus) unless DL_BOOT is defined, which boots from the real images as the bitstream would.
module dl_accel (
  input  wire        clk,
  input  wire        rst,
  input  wire        bus_we,
  input  wire        bus_re,
  input  wire [19:0] bus_addr,
  input  wire [31:0] bus_wdata,
  output wire [31:0] bus_rdata,
  output wire        busy,
  output wire        dbg_spike,
  output wire [7:0]  dbg_layer,
  output wire [15:0] dbg_neuron
);
\`ifdef SYNTHESIS
  localparam W_INIT = "${wInBitstream ? 'wmem.placeholder.hex' : ''}";
  localparam B_INIT = "bmem.placeholder.hex";
  localparam P_INIT = "params.placeholder.hex";
\`elsif DL_BOOT
  localparam W_INIT = "wmem.hex";
  localparam B_INIT = "bmem.hex";
  localparam P_INIT = "params.hex";
\`else
  localparam W_INIT = "";
  localparam B_INIT = "";
  localparam P_INIT = "";
\`endif
  dl_core #(
${params.join('\n')}
    .W_INIT(W_INIT),
    .B_INIT(B_INIT),
    .P_INIT(P_INIT)
  ) u_core (
    .clk(clk), .rst(rst), .bus_we(bus_we), .bus_re(bus_re), .bus_addr(bus_addr),
    .bus_wdata(bus_wdata), .bus_rdata(bus_rdata), .busy(busy), .dbg_spike(dbg_spike),
    .dbg_layer(dbg_layer), .dbg_neuron(dbg_neuron)
  );
endmodule
`;
}

function boardTop(): string {
  const cpb = Math.round(BOARD.clockHz / BOARD.baud);
  return `// Board top (iCEBreaker pins in up5k.pcf): power-on reset, UART bridge at
// ${BOARD.baud} baud from a ${BOARD.clockHz / 1e6} MHz clock, and the core; the red LED
// lights while a step runs.
module dl_top (
  input  wire clk,
  input  wire uart_rx,
  output wire uart_tx,
  output wire led_busy_n
);
  reg [3:0] por = 4'd0;
  wire rst = ~&por;
  always @(posedge clk) if (rst) por <= por + 4'd1;

  wire bus_we, bus_re, busy;
  wire [19:0] bus_addr;
  wire [31:0] bus_wdata, bus_rdata;
  dl_uart_bus #(.CLKS_PER_BIT(${cpb})) u_uart (
    .clk(clk), .rst(rst), .rx(uart_rx), .tx(uart_tx), .bus_we(bus_we), .bus_re(bus_re),
    .bus_addr(bus_addr), .bus_wdata(bus_wdata), .bus_rdata(bus_rdata)
  );
  dl_accel u_accel (
    .clk(clk), .rst(rst), .bus_we(bus_we), .bus_re(bus_re), .bus_addr(bus_addr),
    .bus_wdata(bus_wdata), .bus_rdata(bus_rdata), .busy(busy), .dbg_spike(),
    .dbg_layer(), .dbg_neuron()
  );
  assign led_busy_n = ~busy;
endmodule
`;
}

/** Pin constraints of the board top for nextpnr-ice40 (iCEBreaker). */
export function pcfFile(stamp: Stamp): string {
  const { pins } = BOARD;
  return [
    stampLine(stamp, '#'),
    `set_io clk ${pins.clk}`,
    `set_io uart_rx ${pins.rx}`,
    `set_io uart_tx ${pins.tx}`,
    `set_io led_busy_n ${pins.led}`,
    '',
  ].join('\n');
}
