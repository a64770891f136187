// The generic integer profile: b-bit weights with one scale per layer, s-bit state, multiply-shift
// leak, and the model's own reset rule. Every width and rule can be set from the CLI.
import { OVERFLOWS, ROUNDINGS, type Overflow, type Rounding } from '../arith.js';
import type { NumericProfile } from '../profile.js';
import { DynalignError } from '../../util/errors.js';

/** The settings of the generic integer profile, with their CLI option names in camelCase. */
export interface IntConfig {
  weightBits: number;
  stateBits: number;
  inputBits: number;
  /** Fraction bits of the decay multiplier (2^12 = 4096 is Loihi's decay unit). */
  decayBits: number;
  leak: 'multiply-shift' | 'shift';
  overflow: Overflow;
  /** Rounding of the decay product and of the sum's shift. */
  rounding: Rounding;
  compare: '>' | '>=';
  reset: 'model' | 'zero' | 'subtract';
  resetTiming: 'model' | 'same-step' | 'next-step';
  refractory: number;
  delay: number;
  headroomBits: number;
}

/** 8-bit weights and 16-bit state, as issue 2 asks; decays truncate toward zero like Loihi's. */
export const INT_DEFAULTS: IntConfig = {
  weightBits: 8,
  stateBits: 16,
  inputBits: 8,
  decayBits: 12,
  leak: 'multiply-shift',
  overflow: 'saturate',
  rounding: 'toward-zero',
  compare: '>',
  reset: 'model',
  resetTiming: 'model',
  refractory: 0,
  delay: 0,
  headroomBits: 3,
};

/** Build the generic integer profile from a (partial) configuration. */
export function makeIntProfile(partial: Partial<IntConfig> = {}): NumericProfile {
  const c = { ...INT_DEFAULTS, ...partial };
  checkIntConfig(c);
  const extras = Object.entries(c)
    .filter(
      ([k, v]) =>
        !['weightBits', 'stateBits'].includes(k) && INT_DEFAULTS[k as keyof IntConfig] !== v,
    )
    .map(([k, v]) => `-${k}=${v}`);
  return {
    id: `int-w${c.weightBits}-s${c.stateBits}${extras.join('')}`,
    name: 'int',
    kind: 'integer',
    description:
      `generic integer: ${c.weightBits}-bit weights (one scale per layer), ` +
      `${c.stateBits}-bit state`,
    state: { bits: c.stateBits, overflow: c.overflow },
    current: { bits: c.stateBits, overflow: c.overflow },
    accumulator: { bits: 32, overflow: 'wrap' },
    leak:
      c.leak === 'shift'
        ? { kind: 'shift', rounding: c.rounding }
        : { kind: 'multiply-shift', fractionBits: c.decayBits, rounding: c.rounding },
    weight: {
      bits: c.weightBits,
      sign: 'symmetric',
      shiftMin: -16,
      shiftMax: 24,
      shiftRounding: c.rounding,
      scale: 'per-layer',
    },
    input: { mode: 'graded', bits: c.inputBits },
    compare: c.compare,
    reset: { mode: c.reset, timing: c.resetTiming, refractorySteps: c.refractory },
    synapticDelay: c.delay,
    headroomBits: c.headroomBits,
    paramRounding: 'nearest-even',
    config: { ...c },
  };
}

/** Parse the int profile's settings from CLI pass-through options (strings or flags). */
export function intConfigFromOptions(
  opts: Record<string, string | number | boolean>,
): Partial<IntConfig> {
  const out: Partial<IntConfig> = {};
  const ints = [
    'weightBits',
    'stateBits',
    'inputBits',
    'decayBits',
    'refractory',
    'delay',
    'headroomBits',
  ];
  for (const k of ints) {
    if (opts[k] === undefined) continue;
    const v = Number(opts[k]);
    if (!Number.isInteger(v)) {
      throw new DynalignError('E_PROFILE', 'expected an integer', {
        field: `--${kebab(k)}`,
        value: opts[k],
        fix: `pass a whole number, e.g. --${kebab(k)} ${INT_DEFAULTS[k as keyof IntConfig]}`,
      });
    }
    (out as Record<string, number>)[k] = v;
  }
  const enums: Record<string, readonly string[]> = {
    leak: ['multiply-shift', 'shift'],
    overflow: OVERFLOWS,
    rounding: ROUNDINGS,
    compare: ['>', '>='],
    reset: ['model', 'zero', 'subtract'],
    resetTiming: ['model', 'same-step', 'next-step'],
  };
  for (const [k, allowed] of Object.entries(enums)) {
    if (opts[k] === undefined) continue;
    const v = String(opts[k]);
    if (!allowed.includes(v)) {
      throw new DynalignError('E_PROFILE', 'unknown value', {
        field: `--${kebab(k)}`,
        value: v,
        fix: `use one of ${allowed.join(', ')}`,
      });
    }
    (out as Record<string, string>)[k] = v;
  }
  return out;
}

function checkIntConfig(c: IntConfig): void {
  const limits: Array<[keyof IntConfig, number, number]> = [
    ['weightBits', 2, 16],
    ['stateBits', 4, 32],
    ['inputBits', 1, 16],
    ['decayBits', 1, 16],
    ['refractory', 0, 1000],
    ['delay', 0, 64],
    ['headroomBits', 0, 16],
  ];
  for (const [k, lo, hi] of limits) {
    const v = c[k] as number;
    if (!Number.isInteger(v) || v < lo || v > hi) {
      throw new DynalignError('E_PROFILE', `${k} out of range`, {
        field: `--${kebab(k)}`,
        value: v,
        fix: `use an integer from ${lo} to ${hi}`,
      });
    }
  }
  if (c.headroomBits >= c.stateBits - 1) {
    throw new DynalignError('E_PROFILE', 'head room leaves no bits for the threshold', {
      field: '--headroom-bits',
      value: c.headroomBits,
      fix: `use fewer than ${c.stateBits - 1} bits of head room for ${c.stateBits}-bit state`,
    });
  }
}

function kebab(s: string): string {
  return s.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
}
