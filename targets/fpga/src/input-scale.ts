// The scale of the graded first-layer input (README §2, "Inputs"): one reference scale shared by
// every channel, folded into the first layer's weights, and per-step code scales that are never
// finer than it. An expansive encoder's values grow from |x| ≤ 1 at the first step to ~2·10^5
// at the last, so one scale either loses the first steps to code 0 or clamps the last ones; a
// coarser code scale at step t (gain g_t = s_ref / s_t ≤ 1 on the current) keeps both, since
// the late steps drive the neurons far past threshold and only the current's sign matters
// there. Both are chosen from the model's own encoder and first layer.
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
// Candidate scales (log-spaced between the smallest and largest per-step peak), pseudo-samples
// of independent swept features, and the current (in thresholds) beyond which a neuron is
// saturated anyway, so that clamping or compressing there costs nothing (README §2, "Inputs").
const CANDIDATES = 33;
const PSEUDO_SAMPLES = 128;
const CURRENT_CLIP = 4;
const SEED = 7;

/**
 * Per-channel reference scales (all equal) with the per-step code scales attached: the code of
 * value X at step t is round(X / (scale · stepFactor[t])). Without stepFactor every step uses
 * the reference scale. Attached to the array so every caller of quantizeInputs applies them.
 */
export type InputScales = Float64Array & { stepFactor?: Float64Array };

/** Per-channel input scales (all equal) for the chain's first layer, and how they were found. */
export function inputScales(
  model: IrModel,
  chain: Chain,
  option?: string | number | boolean,
): { scales: InputScales; source: string } {
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
  const best = bestScale(traj, chain);
  const scales: InputScales = new Float64Array(n).fill(best.scale);
  const peaks = traj.peaks.map((p) => p.toPrecision(3)).join(', ');
  let source = `encoder sweep: component peaks ${peaks}`;
  if (best.stepFactor.some((f) => f !== 1)) {
    scales.stepFactor = best.stepFactor;
    const factors = Array.from(best.stepFactor, (f) => f.toPrecision(3)).join(', ');
    source += `; per-step code scale = scale × [${factors}]`;
  }
  return { scales, source };
}

interface Sweep {
  /** [point][step][component] of the resampled trajectories. */
  values: Float64Array;
  steps: number;
  peaks: number[];
  /** Largest |value| of any component at each step. */
  stepPeaks: number[];
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
  const stepPeaks = new Array<number>(enc.numSteps).fill(0);
  for (let s = 0; s < SWEEP_POINTS; s++) {
    const f = -1 + (2 * s) / (SWEEP_POINTS - 1);
    integrate(sys, p, f, 0.2 * f, -f, enc.h, nSteps, traj);
    resample(traj, nSteps + 1, enc.numSteps, res);
    values.set(res, s * res.length);
    for (let i = 0; i < res.length; i++) {
      peaks[i % 3] = Math.max(peaks[i % 3]!, Math.abs(res[i]!));
      stepPeaks[Math.floor(i / 3)] = Math.max(stepPeaks[Math.floor(i / 3)]!, Math.abs(res[i]!));
    }
  }
  if (!peaks.every((x) => Number.isFinite(x))) return undefined;
  return { values, steps: enc.numSteps, peaks, stepPeaks };
}

/**
 * The reference scale, and per-step factors of the code scale, whose codes keep the first
 * layer's current closest to the float one over pseudo-samples of independent features, with
 * currents clipped at ±CURRENT_CLIP thresholds. Two families are tried for each candidate s:
 * s at every step (values beyond 127·s clamp), and s_t = max(s, stepPeak_t / 127) (no value
 * clamps; the current of step t shrinks by s / s_t).
 */
function bestScale(sw: Sweep, chain: Chain): { scale: number; stepFactor: Float64Array } {
  const l = chain.layers[0]!;
  const lo = Math.max(Math.min(...sw.stepPeaks.filter((x) => x > 0)), 1e-12);
  const hi = Math.max(...sw.stepPeaks, lo);
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

  // Each candidate in both families; the first of equal errors wins (one scale before steps).
  const unity = new Float64Array(sw.steps).fill(1);
  let best = { scale: hi / INPUT_MAX, stepFactor: unity };
  let bestErr = Infinity;
  for (const stepped of [false, true]) {
    for (const peak of cands) {
      const s = peak / INPUT_MAX;
      const factor = stepped
        ? Float64Array.from(sw.stepPeaks, (p) => Math.max(1, p / peak))
        : unity;
      const q = Float64Array.from(x, (v, i) => {
        const st = s * factor[Math.floor(i / l.nIn) % sw.steps]!;
        return clampSigned(roundAway(v / st), INPUT_BITS) * s;
      });
      const approx = current(w, q, l.nOut, l.nIn, frames);
      let err = 0;
      for (let i = 0; i < exact.length; i++) err += Math.abs(clip(exact[i]!) - clip(approx[i]!));
      if (err < bestErr) {
        bestErr = err;
        best = { scale: s, stepFactor: factor };
      }
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

/**
 * Quantise encoded frames to input codes: row-major [n][steps][channels] Int8Array; the code of
 * step t uses scale × stepFactor[t] when the scales carry step factors.
 */
export function quantizeInputs(set: EncodedSet, scales: InputScales): Int8Array {
  if (set.channels !== scales.length) {
    throw new DynalignError('E_FPGA_INPUTS', 'inputs have a different channel count', {
      field: 'channels',
      value: set.channels,
      fix: `the network's first layer takes ${scales.length} channels`,
    });
  }
  const out = new Int8Array(set.data.length);
  const c = set.channels;
  const factor = scales.stepFactor;
  for (let i = 0; i < set.data.length; i++) {
    const f = factor ? (factor[Math.floor(i / c) % set.steps] ?? 1) : 1;
    const q = roundAway(set.data[i]! / (scales[i % c]! * f));
    out[i] = clampSigned(Number.isNaN(q) ? 0 : Math.max(-INPUT_MAX, q), INPUT_BITS);
  }
  return out;
}
