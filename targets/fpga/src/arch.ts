// Architecture parameters of the generated core (README §1) and their validation from CLI options.
import { DynalignError } from '../../../src/util/errors.js';

export type LeakForm = 'multiply' | 'shift';
export type Part = 'up5k' | 'generic';

/** What the Verilog is generated for; every per-layer number is a run-time register instead. */
export interface FpgaArch {
  weightBits: 4 | 8;
  stateBits: 16 | 24;
  leak: LeakForm;
  lanes: 1 | 2 | 4 | 8;
  part: Part;
}

export const WEIGHT_BITS = [4, 8] as const;
export const STATE_BITS = [16, 24] as const;
export const LEAK_FORMS = ['multiply', 'shift'] as const;
export const LANES = [1, 2, 4, 8] as const;
export const PARTS = ['up5k', 'generic'] as const;

// Defaults: 8-bit weights, 16-bit state (the Xylo/Speck precision class, fpga.md A10); two
// lanes fill one 16-bit SPRAM word with 8-bit weights.
export const DEFAULT_ARCH: FpgaArch = {
  weightBits: 8,
  stateBits: 16,
  leak: 'multiply',
  lanes: 2,
  part: 'up5k',
};

// Accumulator width A = S + 8 (README §2).
export const ACC_EXTRA_BITS = 8;
// Input values are signed 8-bit, quantised to [−127, 127] (README §2).
export const INPUT_BITS = 8;
// Multiply-form leak: β_q has 8 fraction bits, β_q ∈ [0, 256] (README §2).
export const BETA_FRACTION_BITS = 8;
// Accumulator shift range, README §2.
export const SHIFT_MIN = -8;
export const SHIFT_MAX = 15;
// Threshold target: θ ≤ 2^(S−3) leaves 3 bits of head room in v (README §2 step 4).
export const HEADROOM_BITS = 3;
// A WMEM word (L lanes of Wb bits) must fit the 32-bit bus.
export const BUS_BITS = 32;
// Layer table: 8 words per layer; at most 16 layers in the generated register file.
export const LTAB_WORDS = 8;
export const MAX_LAYERS = 16;

/** Accumulator width of an architecture. */
export function accBits(arch: FpgaArch): number {
  return arch.stateBits + ACC_EXTRA_BITS;
}

type Options = Record<string, string | number | boolean> | undefined;

/** Read the architecture from pass-through options (--weight-bits, --state-bits, ...). */
export function parseArch(options: Options): FpgaArch {
  const o = options ?? {};
  const arch: FpgaArch = {
    weightBits: pickNumber(o.weightBits, '--weight-bits', WEIGHT_BITS, DEFAULT_ARCH.weightBits),
    stateBits: pickNumber(o.stateBits, '--state-bits', STATE_BITS, DEFAULT_ARCH.stateBits),
    leak: pickString(o.leak, '--leak', LEAK_FORMS, DEFAULT_ARCH.leak),
    lanes: pickNumber(o.lanes, '--lanes', LANES, DEFAULT_ARCH.lanes),
    part: pickString(o.part, '--part', PARTS, DEFAULT_ARCH.part),
  };
  if (arch.lanes * arch.weightBits > BUS_BITS) {
    throw new DynalignError('E_FPGA_ARCH', 'a weight word must fit the 32-bit bus', {
      field: '--lanes',
      value: arch.lanes,
      fix: `with ${arch.weightBits}-bit weights use at most ${BUS_BITS / arch.weightBits} lanes`,
    });
  }
  return arch;
}

function pickNumber<T extends number>(v: unknown, flag: string, valid: readonly T[], dflt: T): T {
  if (v === undefined) return dflt;
  const n = typeof v === 'number' ? v : Number(v);
  if (!(valid as readonly number[]).includes(n)) {
    throw new DynalignError('E_FPGA_ARCH', 'value not supported by the FPGA architecture', {
      field: flag,
      value: v,
      fix: `use one of ${valid.join(', ')}`,
    });
  }
  return n as T;
}

function pickString<T extends string>(v: unknown, flag: string, valid: readonly T[], dflt: T): T {
  if (v === undefined) return dflt;
  if (typeof v !== 'string' || !(valid as readonly string[]).includes(v)) {
    throw new DynalignError('E_FPGA_ARCH', 'value not supported by the FPGA architecture', {
      field: flag,
      value: v,
      fix: `use one of ${valid.join(', ')}`,
    });
  }
  return v as T;
}
