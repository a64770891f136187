// Memory plan and resource estimate of a generated core, and whether it fits the iCE40 UP5K.
import { accBits, LTAB_WORDS, type FpgaArch } from './arch.js';
import type { FpgaProgram } from './quantize.js';

// iCE40 UP5K (Lattice FPGA-DS-02008): 5280 logic cells, 30 EBR of 4 kbit, 4 SPRAM of
// 256 kbit (16K × 16), 8 DSP blocks.
export const UP5K = { logicCells: 5280, ebr: 30, spram: 4, dsp: 8 } as const;
// EBR (SB_RAM40_4K) aspect ratios: width × depth = 4096 bits.
const EBR_MODES: Array<[number, number]> = [
  [16, 256],
  [8, 512],
  [4, 1024],
  [2, 2048],
];
const SPRAM_WIDTH = 16;
// icebram swaps images only of whole 256-word EBR columns: images carried by the bitstream are
// padded with zero words to a multiple of 256 (README §5).
export const IMAGE_DEPTH_MULTIPLE = 256;
const SPRAM_DEPTH = 16384;
// Logic-cell model: fitted to the nextpnr-ice40 count of the 21→128→128→10 core (3,319 LCs,
// 3 layers, 2 lanes, 16-bit state; README §6): fixed sequencer, bus, counters and update
// datapath, plus a lane (multiplier and accumulator adder) and a layer-table entry each.
// LIMITATION: one build calibrates it; other shapes are estimates until synthesised.
export const LC_MODEL = { base: 2500, perLane: 200, perLayer: 150 } as const;

export type Placement = 'ebr' | 'spram';

export interface MemoryPlan {
  name: string;
  width: number;
  depth: number;
  placement: Placement;
  blocks: number;
  /** Whether the bitstream carries the contents (EBR init, swappable with icebram). */
  inBitstream: boolean;
  image?: string;
}

export interface ResourcePlan {
  memories: MemoryPlan[];
  ebr: number;
  spram: number;
  logicCellsEstimate: number;
  fits: boolean;
  /** What the design needs beyond the part, and what would fit instead. */
  problems: string[];
  suggestions: string[];
}

/** Depth of an image the bitstream carries: a whole number of 256-word columns. */
export function padDepth(rows: number): number {
  return Math.max(1, Math.ceil(rows / IMAGE_DEPTH_MULTIPLE)) * IMAGE_DEPTH_MULTIPLE;
}

/** Blocks of EBR for a width × depth memory, the best aspect ratio. */
export function ebrBlocks(width: number, depth: number): number {
  return Math.min(...EBR_MODES.map(([w, d]) => Math.ceil(width / w) * Math.ceil(depth / d)));
}

/** SPRAM blocks for a width × depth memory. */
export function spramBlocks(width: number, depth: number): number {
  return Math.ceil(width / SPRAM_WIDTH) * Math.ceil(depth / SPRAM_DEPTH);
}

/** Plan every memory of the core; weights go to SPRAM when EBR cannot hold them. */
export function planResources(prog: FpgaProgram): ResourcePlan {
  const { arch } = prog;
  const maxOut = Math.max(...prog.layers.map((l) => l.nOut));
  const maxRows = Math.max(...prog.layers.map((l) => l.rows));
  const np = 2 + LTAB_WORDS * prog.layers.length;
  const sdp = (name: string, width: number, rows: number, image?: string): MemoryPlan => {
    const depth = image ? padDepth(rows) : Math.max(1, rows);
    return {
      name,
      width,
      depth,
      placement: 'ebr',
      blocks: ebrBlocks(width, depth),
      inBitstream: image !== undefined,
      ...(image ? { image } : {}),
    };
  };
  const others = [
    sdp('IMEM', 8, prog.nInputs),
    sdp('BMEM', arch.stateBits, prog.neurons, 'bmem.hex'),
    sdp('NMEM', arch.stateBits + 1, prog.neurons),
    sdp('AMEM', arch.lanes * accBits(arch), maxRows),
    sdp('SL0', 16, maxOut),
    sdp('SL1', 16, maxOut),
    sdp('PMEM', 32, np, 'params.hex'),
  ];
  const otherEbr = others.reduce((a, m) => a + m.blocks, 0);
  const wWidth = arch.lanes * arch.weightBits;
  const wDepth = Math.max(1, prog.wmemWords);
  const inEbr = otherEbr + ebrBlocks(wWidth, padDepth(wDepth)) <= UP5K.ebr;
  const wmem: MemoryPlan = inEbr
    ? sdp('WMEM', wWidth, wDepth, 'wmem.hex')
    : {
        name: 'WMEM',
        width: wWidth,
        depth: wDepth,
        placement: 'spram',
        blocks: spramBlocks(wWidth, wDepth),
        inBitstream: false,
        image: 'wmem.hex',
      };
  const memories = [wmem, ...others];
  const ebr = memories.filter((m) => m.placement === 'ebr').reduce((a, m) => a + m.blocks, 0);
  const spram = memories.filter((m) => m.placement === 'spram').reduce((a, m) => a + m.blocks, 0);
  const logicCellsEstimate = estimateLogicCells(arch, prog.layers.length);
  const plan = {
    memories,
    ebr,
    spram,
    logicCellsEstimate,
    fits: true,
    problems: [],
    suggestions: [],
  };
  return judgeFit(prog, plan);
}

function estimateLogicCells(arch: FpgaArch, layers: number): number {
  const widthFactor = arch.stateBits / 16;
  return Math.round(
    (LC_MODEL.base + LC_MODEL.perLane * arch.lanes + LC_MODEL.perLayer * layers) * widthFactor,
  );
}

/** Compare with the UP5K and say what would fit (fewer hidden units, narrower weights). */
function judgeFit(prog: FpgaProgram, plan: ResourcePlan): ResourcePlan {
  const problems: string[] = [];
  if (plan.ebr > UP5K.ebr) problems.push(`${plan.ebr} EBR blocks (UP5K has ${UP5K.ebr})`);
  if (plan.spram > UP5K.spram) {
    const bits = prog.wmemWords * prog.arch.lanes * prog.arch.weightBits;
    problems.push(
      `${plan.spram} SPRAM blocks for ${(bits / 1024).toFixed(0)} kbit of weights ` +
        `(UP5K has ${UP5K.spram} × 256 kbit)`,
    );
  }
  if (plan.logicCellsEstimate > UP5K.logicCells) {
    problems.push(`about ${plan.logicCellsEstimate} logic cells (UP5K has ${UP5K.logicCells})`);
  }
  if (problems.length === 0) return plan;
  return { ...plan, fits: false, problems, suggestions: suggestFits(prog) };
}

function suggestFits(prog: FpgaProgram): string[] {
  const out: string[] = [];
  const { lanes } = prog.arch;
  const sizes = [prog.nInputs, ...prog.layers.map((l) => l.nOut)];
  const hiddenLayers = sizes.length - 2;

  // SPRAM blocks the weights of the same shape with `h` units per hidden layer would take.
  const blocks = (h: number, bits: number): number => {
    const shape = sizes.map((n, k) => (k === 0 || k === sizes.length - 1 ? n : h));
    let words = 0;
    for (let k = 1; k < shape.length; k++) words += shape[k - 1]! * Math.ceil(shape[k]! / lanes);
    return spramBlocks(lanes * bits, words);
  };
  const seen = new Set<number>();
  for (const bits of [...new Set([prog.arch.weightBits, 4])]) {
    if (hiddenLayers < 1 || lanes * bits > 32) continue;
    let h = Math.max(...sizes.slice(1, -1));
    while (h > 1 && blocks(h, bits) > UP5K.spram) h--;

    // A narrower weight that allows no more units than the current width adds nothing.
    if (blocks(h, bits) > UP5K.spram || seen.has(h)) continue;
    seen.add(h);
    const flag = bits === prog.arch.weightBits ? '' : `, compiled with --weight-bits ${bits}`;
    out.push(`at most ${h} units per hidden layer (dynalign train --hidden ${h}${flag})`);
  }
  out.push('--part generic (a larger FPGA), or weights in external SPI PSRAM (not generated)');
  return out;
}
