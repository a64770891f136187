// Fold a neuron layer's float step coefficients into integers. With u the real value of one unit
// of the summed synaptic input, each neuron's state is counted in units of G·u, where G = g (or
// g·gᵢ for Cuba neurons), so the input enters with weight 1 and no multiplier is needed:
//   v_int ← decay(v_int) + S_int + round(c / (G·u)),  spike when v_int > round(θ / (G·u)).
import type { NeuronCoeffs } from '../emulator/coeffs.js';
import type { NdArray } from '../ir/tensor.js';
import { DynalignError } from '../util/errors.js';
import { roundBy, signedRange } from './arith.js';
import type { LeakRule, NumericProfile } from './profile.js';

export interface NeuronReport {
  name: string;
  /** Real value of one state unit, per neuron (its largest value when they differ). */
  stateUnit: number;
  threshold: { min: number; max: number };
  /** Largest |β − decay_int/2^F| over the layer (how far the integer leak is from β). */
  decayError: number;
  biasClipped: number;
  bitsUsed: number;
}

/** Per neuron G: the factor between the summed input and the membrane. */
export function membraneGain(c: NeuronCoeffs): Float64Array {
  return Float64Array.from(c.gain, (g, j) => (c.cuba ? g * c.gainI[j]! : g));
}

/** Largest θ / G of a layer: sets how far the summed input has to be shifted. */
export function thresholdReach(c: NeuronCoeffs): number {
  if (!c.spiking) return 0;
  const G = membraneGain(c);
  let m = 0;
  for (let j = 0; j < c.n; j++) m = Math.max(m, Math.abs(c.vThreshold[j]!) / G[j]!);
  return m;
}

/** The integer decay of β under a leak rule, and the β it really applies. */
export function decayOf(
  beta: number,
  leak: LeakRule,
  rounding: NumericProfile['paramRounding'],
): [number, number] {
  if (leak.kind === 'shift') {
    if (beta >= 1) return [-1, 1];
    const k = Math.max(0, roundBy(-Math.log2(1 - beta), rounding));
    return [k, 1 - 2 ** -k];
  }
  const unit = 2 ** leak.fractionBits;
  const m = leak.kind === 'table' ? leak.factor(beta) : roundBy(beta * unit, rounding);
  return [m, m / unit];
}

function i32(v: ArrayLike<number>): NdArray {
  return { dtype: 'int32', shape: [v.length], data: Int32Array.from(v) };
}

/** Integer parameters of one neuron node for a profile, with the summed input in units of u. */
export function foldNeuron(
  name: string,
  c: NeuronCoeffs,
  u: number,
  profile: NumericProfile,
): { intParams: Record<string, NdArray>; vUnit: Float64Array; report: NeuronReport } {
  const G = membraneGain(c);
  const { min, max } = signedRange(profile.state.bits);
  const rnd = (x: number) => roundBy(x, profile.paramRounding);
  const vUnit = Float64Array.from(G, (g) => g * u);
  for (let j = 0; j < c.n; j++) checkCoeff(name, j, c, G[j]!);

  // Decays of v (and i), thresholds, resets and the constant drive, neuron by neuron.
  const vDecay = new Int32Array(c.n);
  const iDecay = new Int32Array(c.n);
  const thr = new Int32Array(c.n);
  const vReset = new Int32Array(c.n);
  const bias = new Int32Array(c.n);
  let decayError = 0;
  let biasClipped = 0;
  let top = 0;
  for (let j = 0; j < c.n; j++) {
    const [dv, bv] = decayOf(c.beta[j]!, profile.leak, profile.paramRounding);
    vDecay[j] = dv;
    decayError = Math.max(decayError, Math.abs(bv - c.beta[j]!));
    if (c.cuba) {
      const [di, bi] = decayOf(c.alpha[j]!, profile.leak, profile.paramRounding);
      iDecay[j] = di;
      decayError = Math.max(decayError, Math.abs(bi - c.alpha[j]!));
    }
    if (c.spiking)
      thr[j] = checkThreshold(name, j, rnd(c.vThreshold[j]! / vUnit[j]!), max, c.vThreshold[j]!);
    vReset[j] = Math.min(max, Math.max(min, rnd(c.vReset[j]! / vUnit[j]!)));
    const b = rnd(c.bias[j]! / vUnit[j]!);
    bias[j] = Math.min(max, Math.max(min, b));
    if (bias[j] !== b) biasClipped++;
    top = Math.max(top, Math.abs(thr[j]!), Math.abs(bias[j]!), Math.abs(vReset[j]!));
  }
  const intParams: Record<string, NdArray> = {
    v_decay: i32(vDecay),
    v_reset: i32(vReset),
    bias: i32(bias),
  };
  if (c.spiking) intParams.v_threshold = i32(thr);
  if (c.cuba) intParams.i_decay = i32(iDecay);
  const thrVals = c.spiking ? Array.from(thr) : [0];
  const report: NeuronReport = {
    name,
    stateUnit: vUnit.reduce((a, b) => Math.max(a, b), 0),
    threshold: { min: Math.min(...thrVals), max: Math.max(...thrVals) },
    decayError,
    biasClipped,
    bitsUsed: top === 0 ? 1 : Math.floor(Math.log2(top)) + 2,
  };
  return { intParams, vUnit, report };
}

function checkCoeff(name: string, j: number, c: NeuronCoeffs, g: number): void {
  const bad = (field: string, value: number, limit: string, fix: string) =>
    new DynalignError('E_PROFILE_RANGE', `${field} of neuron ${j} is ${limit}`, {
      field: `${name}.${field}`,
      value,
      fix,
    });
  if (!(c.beta[j]! >= 0 && c.beta[j]! <= 1)) {
    throw bad(
      'decay β',
      c.beta[j]!,
      'outside [0, 1]',
      'the integer leak cannot apply a negative or growing decay; use dt < tau',
    );
  }
  if (c.cuba && !(c.alpha[j]! >= 0 && c.alpha[j]! <= 1)) {
    throw bad('current decay α', c.alpha[j]!, 'outside [0, 1]', 'use dt < tau_syn');
  }
  if (!(g > 0 && Number.isFinite(g))) {
    throw bad(
      'input gain',
      g,
      'not a positive number',
      'r (and w_in) must be positive for integer folding',
    );
  }
}

function checkThreshold(name: string, j: number, q: number, max: number, real: number): number {
  if (Math.abs(q) <= max) return q;
  throw new DynalignError(
    'E_PROFILE_RANGE',
    `threshold of neuron ${j} needs ${q} state units, beyond the state width`,
    {
      field: `${name}.v_threshold`,
      value: real,
      fix:
        `the largest representable is ${max} units; ` +
        'widen --state-bits or allow a larger sum shift',
    },
  );
}
