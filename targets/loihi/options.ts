// The Loihi target's own CLI options (forwarded by `compile` and `emulate` as strings), parsed
// once with errors that name the option, the value and the valid choices.
import { DynalignError } from '../../src/util/errors.js';
import { CHIPS, type ChipName } from './chips.js';
import type { EnergyModel } from './energy-model.js';
import type { DecayRule } from './quantise.js';
import { GAIN_PERCENTILE } from './step-gains.js';

export interface LoihiOptions {
  chip: ChipName;
  decayRule?: DecayRule;
  inputBits: number;
  headroomBits: number;
  maxWeightLoss: number;
  /** Inputs shipped in inputs.npy and predicted in dynalign_spikes.json. */
  samples: number;
  energyModel: EnergyModel;
  /** Largest |x| the graded input must carry unclamped (narrows the input scale). */
  inputMax?: number;
  /** Share of first-layer drives per step the step gains keep inside u; 1 turns gains off. */
  gainPercentile: number;
  inputs?: string;
  labels?: string;
  steps?: number;
}

type Raw = Record<string, string | number | boolean> | undefined;

/** Read the options a Loihi run understands; unknown keys are left to the caller. */
export function parseLoihiOptions(raw: Raw): LoihiOptions {
  const o = raw ?? {};
  return {
    chip: choice(o, 'chip', Object.keys(CHIPS), 'loihi2') as ChipName,
    decayRule:
      o.decayRule === undefined
        ? undefined
        : (choice(o, 'decayRule', ['euler', 'exact'], 'euler') as DecayRule),
    inputBits: integer(o, 'inputBits', 16, 2, 24),
    headroomBits: integer(o, 'headroomBits', 3, 0, 12),
    maxWeightLoss: number(o, 'maxWeightLoss', 0.05, 0, 1),
    samples: integer(o, 'samples', 16, 0, 100000),
    energyModel: choice(o, 'energyModel', ['davies2018', 'sana-fe'], 'davies2018') as EnergyModel,
    inputMax: o.inputMax === undefined ? undefined : number(o, 'inputMax', 1, 1e-9, 1e9),
    gainPercentile: number(o, 'gainPercentile', GAIN_PERCENTILE, 0.5, 1),
    inputs: path(o, 'inputs'),
    labels: path(o, 'labels'),
    steps: o.steps === undefined ? undefined : integer(o, 'steps', 1, 1, 1e6),
  };
}

function flag(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function choice(o: NonNullable<Raw>, key: string, valid: string[], fallback: string): string {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v === 'string' && valid.includes(v)) return v;
  throw new DynalignError('E_USAGE', 'unknown value', {
    field: flag(key),
    value: v,
    fix: `use one of ${valid.join(', ')}`,
  });
}

function number(
  o: NonNullable<Raw>,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const v = o[key];
  if (v === undefined) return fallback;
  const x = Number(v);
  if (typeof v === 'boolean' || !Number.isFinite(x) || x < min || x > max) {
    throw new DynalignError('E_USAGE', 'expected a number in range', {
      field: flag(key),
      value: v,
      fix: `pass a number in [${min}, ${max}]`,
    });
  }
  return x;
}

function integer(
  o: NonNullable<Raw>,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const x = number(o, key, fallback, min, max);
  if (!Number.isInteger(x)) {
    throw new DynalignError('E_USAGE', 'expected an integer', {
      field: flag(key),
      value: o[key],
      fix: `pass a whole number in [${min}, ${max}]`,
    });
  }
  return x;
}

function path(o: NonNullable<Raw>, key: string): string | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v === 'string' && v !== '') return v;
  throw new DynalignError('E_USAGE', 'expected a file path', {
    field: flag(key),
    value: v,
    fix: `pass ${flag(key)} FILE`,
  });
}
