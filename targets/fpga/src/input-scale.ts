// The scale of the graded first-layer input (README §2, "Inputs"): one scale shared by every
// channel, chosen from the model's own encoder and first layer so that 8-bit codes lose as
// little of the first layer's current as possible.
import type { IrModel } from '../../../src/ir/model.js';
import type { Chain } from '../../../src/ir/chain.js';
import type { EncodedSet } from '../../../src/encoding/encoder.js';
import { integrate, resample, rk4StepCount } from '../../../src/encoding/encoder.js';
import { findSystem } from '../../../src/encoding/registry.js';
import { DynalignError } from '../../../src/util/errors.js';
import { mulberry32 } from '../../../src/util/random.js';
import { clampSigned, roundAway } from './round.js';
import { INPUT_BITS } from './arch.js';

// Feature values swept from −1 to 1 (the encoder normalises each sample to max |f| = 1).
const SWEEP_POINTS = 201;
// Largest input code: inputs are symmetric [−127, 127] (README §2).
export const INPUT_MAX = 2 ** (INPUT_BITS - 1) - 1;
// Without an encoder every channel uses 1/32 unless --input-scale says otherwise (README §2).
export const DEFAULT_INPUT_SCALE = 1 / 32;
// Candidate scales (log-spaced between the smallest and largest component peak), pseudo-samples
// of independent swept features, and the current (in thresholds) beyond which a neuron is
// saturated anyway, so that clamping there costs nothing (README §2, "Inputs").
const CANDIDATES = 25;
const PSEUDO_SAMPLES = 128;
const CURRENT_CLIP = 4;
const SEED = 7;

/** Per-channel input scales (all equal) for the chain's first layer, and how they were found. */
export function inputScales(
  model: IrModel,
  chain: Chain,
  option?: string | number | boolean,
): { scales: Float64Array; source: string } {
  const n = chain.nInputs;
  if (option !== undefined) {
    const v = Number(option);
    if (typeof option === 'boolean' || !Number.isFinite(v) || v <= 0) {
      throw new DynalignError('E_FPGA_INPUT_SCALE', 'input scale must be a positive number', {
        field: '--input-scale',
        value: option,
        fix: 'pass the real value of one input code, e.g. --input-scale 0.03125',
      });
    }
    return { scales: new Float64Array(n).fill(v), source: `--input-scale ${v}` };
  }
  const traj = sweep(model, n);
  if (!traj) {
    return {
      scales: new Float64Array(n).fill(DEFAULT_INPUT_SCALE),
      source: `default 1/${1 / DEFAULT_INPUT_SCALE} (model has no matching encoder)`,
    };
  }
  const s = bestScale(traj, chain);
  return {
    scales: new Float64Array(n).fill(s),
    source: `encoder sweep: component peaks ${traj.peaks.map((p) => p.toPrecision(3)).join(', ')}`,
  };
}

interface Sweep {
  /** [point][step][component] of the resampled trajectories. */
  values: Float64Array;
  steps: number;
  peaks: number[];
}

/** Trajectories of feature values −1 … 1 through the model's own encoder. */
function sweep(model: IrModel, nInputs: number): Sweep | undefined {
  const enc = model.encoder;
  const sys = enc ? findSystem(enc.system) : undefined;
  if (!enc || !sys || enc.nFeatures * 3 !== nInputs) return undefined;
  const p = { ...sys.defaults, ...enc.params };
  const nSteps = rk4StepCount(enc.h, enc.tmax);
  const traj = new Float64Array((nSteps + 1) * 3);
  const res = new Float64Array(enc.numSteps * 3);
  const values = new Float64Array(SWEEP_POINTS * enc.numSteps * 3);
  const peaks = [0, 0, 0];
  for (let s = 0; s < SWEEP_POINTS; s++) {
    const f = -1 + (2 * s) / (SWEEP_POINTS - 1);
    integrate(sys, p, f, 0.2 * f, -f, enc.h, nSteps, traj);
    resample(traj, nSteps + 1, enc.numSteps, res);
    values.set(res, s * res.length);
    for (let i = 0; i < res.length; i++) peaks[i % 3] = Math.max(peaks[i % 3]!, Math.abs(res[i]!));
  }
  if (!peaks.every((x) => Number.isFinite(x))) return undefined;
  return { values, steps: enc.numSteps, peaks };
}

/**
 * The shared scale whose codes keep the first layer's current closest to the float one, with
 * currents clipped at ±CURRENT_CLIP thresholds, over pseudo-samples of independent features.
 */
function bestScale(sw: Sweep, chain: Chain): number {
  const l = chain.layers[0]!;
  const lo = Math.max(Math.min(...sw.peaks.filter((x) => x > 0)), 1e-12);
  const hi = Math.max(...sw.peaks, lo);
  const cands =
    hi === lo
      ? [lo]
      : Array.from({ length: CANDIDATES }, (_, k) => lo * (hi / lo) ** (k / (CANDIDATES - 1)));

  // Pseudo-samples: every channel follows the trajectory of its own random feature value.
  const rnd = mulberry32(SEED);
  const frames = PSEUDO_SAMPLES * sw.steps;
  const x = new Float64Array(frames * l.nIn);
  for (let smp = 0; smp < PSEUDO_SAMPLES; smp++) {
    for (let c = 0; c < l.nIn; c++) {
      const point = Math.floor(rnd() * SWEEP_POINTS);
      for (let t = 0; t < sw.steps; t++) {
        x[(smp * sw.steps + t) * l.nIn + c] = sw.values[(point * sw.steps + t) * 3 + (c % 3)]!;
      }
    }
  }
  const w = new Float64Array(l.nOut * l.nIn);
  for (let j = 0; j < l.nOut; j++) {
    const g = l.gain[j]! / l.vThreshold[j]!;
    for (let c = 0; c < l.nIn; c++) w[j * l.nIn + c] = g * l.weight[j * l.nIn + c]!;
  }
  const exact = current(w, x, l.nOut, l.nIn, frames);
  let best = cands[cands.length - 1]! / INPUT_MAX;
  let bestErr = Infinity;
  for (const peak of cands) {
    const s = peak / INPUT_MAX;
    const q = Float64Array.from(x, (v) => clampSigned(roundAway(v / s), INPUT_BITS) * s);
    const approx = current(w, q, l.nOut, l.nIn, frames);
    let err = 0;
    for (let i = 0; i < exact.length; i++) err += Math.abs(clip(exact[i]!) - clip(approx[i]!));
    if (err < bestErr) {
      bestErr = err;
      best = s;
    }
  }
  return best;
}

function clip(v: number): number {
  return v > CURRENT_CLIP ? CURRENT_CLIP : v < -CURRENT_CLIP ? -CURRENT_CLIP : v;
}

function current(w: Float64Array, x: Float64Array, nOut: number, nIn: number, frames: number) {
  const out = new Float64Array(frames * nOut);
  for (let f = 0; f < frames; f++) {
    for (let j = 0; j < nOut; j++) {
      let a = 0;
      for (let c = 0; c < nIn; c++) a += w[j * nIn + c]! * x[f * nIn + c]!;
      out[f * nOut + j] = a;
    }
  }
  return out;
}

/** Quantise encoded frames to input codes: row-major [n][steps][channels] Int8Array. */
export function quantizeInputs(set: EncodedSet, scales: Float64Array): Int8Array {
  if (set.channels !== scales.length) {
    throw new DynalignError('E_FPGA_INPUTS', 'inputs have a different channel count', {
      field: 'channels',
      value: set.channels,
      fix: `the network's first layer takes ${scales.length} channels`,
    });
  }
  const out = new Int8Array(set.data.length);
  const c = set.channels;
  for (let i = 0; i < set.data.length; i++) {
    const q = roundAway(set.data[i]! / scales[i % c]!);
    out[i] = clampSigned(Number.isNaN(q) ? 0 : Math.max(-INPUT_MAX, q), INPUT_BITS);
  }
  return out;
}
