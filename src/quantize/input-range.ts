// Mode-aware input range without data: features are max-abs normalised per sample before
// encoding (paper.md §3), so every encoded value is a point of a trajectory started from
// (f, 0.2f, −f) with f in [−1, 1]. Sweeping f bounds the input of the network's own δ exactly
// up to the grid, and the expansive (δ < 0) encoders get the wide range they need.
import type { EncoderSpec } from '../ir/model.js';
import { integrate, resample, rk4StepCount } from '../encoding/encoder.js';
import { findSystem } from '../encoding/registry.js';

/** Points of the f grid in [−1, 1]. */
export const SWEEP_POINTS = 201;

/** Largest |value| any encoded channel can take under `spec`, or undefined for unknown systems. */
export function encoderRange(spec: EncoderSpec): number | undefined {
  const sys = findSystem(spec.system);
  if (!sys) return undefined;
  const p = { ...sys.defaults, ...spec.params };
  const nSteps = rk4StepCount(spec.h, spec.tmax);
  const traj = new Float64Array(3 * (nSteps + 1));
  const res = new Float64Array(3 * spec.numSteps);
  let top = 0;
  for (let s = 0; s < SWEEP_POINTS; s++) {
    const f = -1 + (2 * s) / (SWEEP_POINTS - 1);
    integrate(sys, p, f, 0.2 * f, -f, spec.h, nSteps, traj);
    resample(traj, nSteps + 1, spec.numSteps, res);
    for (const v of res) if (Number.isFinite(v)) top = Math.max(top, Math.abs(v));
  }
  return top;
}

/** Largest |value| of each encoded channel (feature-major x, y, z) under `spec`. */
export function encoderChannelRanges(spec: EncoderSpec): Float64Array | undefined {
  const sys = findSystem(spec.system);
  if (!sys) return undefined;
  const p = { ...sys.defaults, ...spec.params };
  const nSteps = rk4StepCount(spec.h, spec.tmax);
  const traj = new Float64Array(3 * (nSteps + 1));
  const res = new Float64Array(3 * spec.numSteps);
  const xyz = new Float64Array(3);
  for (let s = 0; s < SWEEP_POINTS; s++) {
    const f = -1 + (2 * s) / (SWEEP_POINTS - 1);
    integrate(sys, p, f, 0.2 * f, -f, spec.h, nSteps, traj);
    resample(traj, nSteps + 1, spec.numSteps, res);
    res.forEach((v, i) => {
      if (Number.isFinite(v)) xyz[i % 3] = Math.max(xyz[i % 3]!, Math.abs(v));
    });
  }
  return Float64Array.from({ length: 3 * spec.nFeatures }, (_, c) => xyz[c % 3]!);
}
