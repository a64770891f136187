// Scales of the graded first-layer input (README §2, "Inputs"): one per trajectory component,
// derived from the model's own encoder so that every encoded value fits 8 bits.
import type { IrModel } from '../../../src/ir/model.js';
import type { EncodedSet } from '../../../src/encoding/encoder.js';
import { integrate, resample, rk4StepCount } from '../../../src/encoding/encoder.js';
import { findSystem } from '../../../src/encoding/registry.js';
import { DynalignError } from '../../../src/util/errors.js';
import { clampSigned, roundAway } from './round.js';
import { INPUT_BITS } from './arch.js';

// Feature values swept from −1 to 1 (the encoder normalises each sample to max |f| = 1).
const SWEEP_POINTS = 201;
// Largest input code: inputs are symmetric [−127, 127] (README §2).
export const INPUT_MAX = 2 ** (INPUT_BITS - 1) - 1;
// Without an encoder every channel uses 1/32 unless --input-scale says otherwise (README §2).
export const DEFAULT_INPUT_SCALE = 1 / 32;

/** Per-channel input scales for `nInputs` channels, and how they were found. */
export function inputScales(
  model: IrModel,
  nInputs: number,
  option?: string | number | boolean,
): { scales: Float64Array; source: string } {
  if (option !== undefined) {
    const v = Number(option);
    if (typeof option === 'boolean' || !Number.isFinite(v) || v <= 0) {
      throw new DynalignError('E_FPGA_INPUT_SCALE', 'input scale must be a positive number', {
        field: '--input-scale',
        value: option,
        fix: 'pass the real value of one input code, e.g. --input-scale 0.03125',
      });
    }
    return { scales: new Float64Array(nInputs).fill(v), source: `--input-scale ${v}` };
  }
  const enc = model.encoder;
  const sys = enc ? findSystem(enc.system) : undefined;
  if (!enc || !sys || enc.nFeatures * 3 !== nInputs) {
    return {
      scales: new Float64Array(nInputs).fill(DEFAULT_INPUT_SCALE),
      source: `default 1/${1 / DEFAULT_INPUT_SCALE} (model has no matching encoder)`,
    };
  }

  // Sweep the feature value and keep the largest |x|, |y|, |z| over every resampled step.
  const p = { ...sys.defaults, ...enc.params };
  const nSteps = rk4StepCount(enc.h, enc.tmax);
  const traj = new Float64Array((nSteps + 1) * 3);
  const res = new Float64Array(enc.numSteps * 3);
  const peak = [0, 0, 0];
  for (let s = 0; s < SWEEP_POINTS; s++) {
    const f = -1 + (2 * s) / (SWEEP_POINTS - 1);
    integrate(sys, p, f, 0.2 * f, -f, enc.h, nSteps, traj);
    resample(traj, nSteps + 1, enc.numSteps, res);
    for (let i = 0; i < res.length; i++) peak[i % 3] = Math.max(peak[i % 3]!, Math.abs(res[i]!));
  }
  const scales = new Float64Array(nInputs);
  for (let c = 0; c < nInputs; c++) {
    const m = peak[c % 3]!;
    scales[c] = m > 0 && Number.isFinite(m) ? m / INPUT_MAX : DEFAULT_INPUT_SCALE;
  }
  return { scales, source: `encoder ${enc.system} swept over f ∈ [−1, 1]` };
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
