// Core and chip placement on SpiNNaker 1 (docs/spinnaker.md §4): populations are cut into
// slices of at most neurons-per-core, slices fill the application cores of each chip in order,
// and each chip's SDRAM must hold the synaptic matrices of its slices.
import { DynalignError } from '../../src/util/errors.js';
import type { SpinnNetwork } from './network/types.js';
import { MAX_RING_BUFFER_BITS, type RingLayout } from './profile/delays.js';

/** 18 ARM968 cores per chip, one monitor and one spare: 16 run the application (docs §4). */
export const CORES_PER_CHIP = 18;
export const APP_CORES_PER_CHIP = 16;
/** SpiNN-5 board (docs §4). */
export const CHIPS_PER_BOARD = 48;
/** 128 MB SDRAM per chip (docs §4). */
export const SDRAM_BYTES_PER_CHIP = 128 * 1024 * 1024;
/** Synaptic rows: 3 header words, then one 32-bit word per synapse (docs §1.6). */
export const ROW_HEADER_WORDS = 3;
export const BYTES_PER_WORD = 4;
/** Atoms per core of a SpikeSourceArray: its own default, untouched by the neuron model's. */
export const SOURCE_ATOMS_PER_CORE = 256;

export interface CoreSlice {
  vertex: string;
  lo: number;
  hi: number;
  chip: number;
  core: number;
  /** SDRAM for the synaptic matrices this slice receives. */
  synapticBytes: number;
}

export interface Placement {
  neuronsPerCore: number;
  slices: CoreSlice[];
  coresUsed: number;
  chipsUsed: number;
  chipsAvailable: number;
  sdramBytesPerChip: number[];
  /** Ring-buffer width per population: delay + type + atom bits ≤ 14 (docs §1.6). */
  rings: Array<RingLayout & { population: string; bits: number; fits: boolean }>;
}

/** Slices of n atoms at most `per` each. */
function cut(n: number, per: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let lo = 0; lo < n; lo += per) out.push([lo, Math.min(n, lo + per) - 1]);
  return out;
}

/** Bytes of the synaptic matrices one post slice receives from every incoming projection. */
function synapticBytes(
  net: SpinnNetwork,
  post: number,
  lo: number,
  hi: number,
  npc: number,
): number {
  let bytes = 2 * BYTES_PER_WORD;
  for (const proj of net.projections) {
    if (proj.post !== post) continue;
    const nPre = proj.pre < 0 ? net.sourceSize : net.populations[proj.pre]!.size;
    const rowLen = new Int32Array(nPre);
    proj.postIndex.forEach((j, s) => {
      if (j >= lo && j <= hi) rowLen[proj.preIndex[s]!]! += 1;
    });
    const perPre = proj.pre < 0 ? SOURCE_ATOMS_PER_CORE : npc;
    for (const [a, b] of cut(nPre, perPre)) {
      let maxRow = 0;
      for (let i = a; i <= b; i++) maxRow = Math.max(maxRow, rowLen[i]!);
      if (maxRow > 0) bytes += (b - a + 1) * (ROW_HEADER_WORDS + maxRow) * BYTES_PER_WORD;
    }
  }
  return bytes;
}

/** Place a network; throws E_PLACEMENT (exit 2) when it does not fit the boards given. */
export function placeNetwork(
  net: SpinnNetwork,
  rings: RingLayout[],
  neuronsPerCore: number,
  boards: number,
): Placement {
  const chipsAvailable = boards * CHIPS_PER_BOARD;
  const slices: CoreSlice[] = [];
  let next = 0;
  const take = (vertex: string, lo: number, hi: number, bytes: number) => {
    const chip = Math.floor(next / APP_CORES_PER_CHIP);
    if (chip >= chipsAvailable) {
      throw new DynalignError('E_PLACEMENT', 'population cannot be placed: the boards are full', {
        field: vertex,
        value: `${next + 1} cores needed so far, ${chipsAvailable * APP_CORES_PER_CHIP} available`,
        fix: 'raise --neurons-per-core (≤ 256), add --boards, or shrink the network',
      });
    }
    slices.push({
      vertex,
      lo,
      hi,
      chip,
      core: (next % APP_CORES_PER_CHIP) + 1,
      synapticBytes: bytes,
    });
    next++;
  };

  // The host spike source needs cores of its own; current sources live on the neuron cores.
  if (net.sourceSize > 0) {
    for (const [lo, hi] of cut(net.sourceSize, SOURCE_ATOMS_PER_CORE))
      take('host_source', lo, hi, 0);
  }
  net.populations.forEach((pop, p) => {
    for (const [lo, hi] of cut(pop.size, neuronsPerCore)) {
      take(pop.label, lo, hi, synapticBytes(net, p, lo, hi, neuronsPerCore));
    }
  });

  // SDRAM per chip, checked against the 128 MB each chip has.
  const chipsUsed = Math.ceil(next / APP_CORES_PER_CHIP);
  const sdram = new Array<number>(chipsUsed).fill(0);
  for (const s of slices) sdram[s.chip]! += s.synapticBytes;
  sdram.forEach((b, chip) => {
    if (b > SDRAM_BYTES_PER_CHIP) {
      throw new DynalignError('E_PLACEMENT', 'synaptic matrices exceed the SDRAM of a chip', {
        field: `chip ${chip}`,
        value: `${b} bytes > ${SDRAM_BYTES_PER_CHIP}`,
        fix: 'lower --neurons-per-core so fewer slices share a chip, or prune the weights',
      });
    }
  });
  const ringReport = net.populations.map((pop, p) => {
    const r = rings[p]!;
    const bits = r.delayBits + 1 + r.atomBits;
    return { ...r, population: pop.label, bits, fits: bits <= MAX_RING_BUFFER_BITS };
  });
  return {
    neuronsPerCore,
    slices,
    coresUsed: next,
    chipsUsed,
    chipsAvailable,
    sdramBytesPerChip: sdram,
    rings: ringReport,
  };
}
