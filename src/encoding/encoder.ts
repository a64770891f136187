// Dynamical Alignment encoder (paper.md §3): each feature value becomes the initial condition
// (f, 0.2f, −f) of a 3-D system, integrated with classic RK4 and resampled onto the steps.
import type { EncoderSpec } from '../ir/model.js';
import type { DynamicalSystem, Params } from './system.js';

/** Encoded samples: row-major [n][numSteps][3·nFeatures], channels feature-major. */
export interface EncodedSet {
  n: number;
  steps: number;
  channels: number;
  data: Float32Array;
  labels?: Uint8Array;
}

/** Number of RK4 steps to reach tmax, and so tmax/h + 1 trajectory points. */
export function rk4StepCount(h: number, tmax: number): number {
  return Math.round(tmax / h);
}

/**
 * Integrate one initial condition with RK4 (step h to tmax) and write x, y, z at every point
 * into `traj` ([points][3]).
 */
export function integrate(
  sys: DynamicalSystem,
  p: Params,
  x0: number,
  y0: number,
  z0: number,
  h: number,
  nSteps: number,
  traj: Float64Array,
): void {
  const k1 = new Float64Array(3);
  const k2 = new Float64Array(3);
  const k3 = new Float64Array(3);
  const k4 = new Float64Array(3);
  let x = x0;
  let y = y0;
  let z = z0;
  traj[0] = x;
  traj[1] = y;
  traj[2] = z;
  for (let s = 0; s < nSteps; s++) {
    const t = s * h;
    sys.derivative(x, y, z, t, p, k1);
    sys.derivative(x + 0.5 * h * k1[0]!, y + 0.5 * h * k1[1]!, z + 0.5 * h * k1[2]!, t + 0.5 * h, p, k2);
    sys.derivative(x + 0.5 * h * k2[0]!, y + 0.5 * h * k2[1]!, z + 0.5 * h * k2[2]!, t + 0.5 * h, p, k3);
    sys.derivative(x + h * k3[0]!, y + h * k3[1]!, z + h * k3[2]!, t + h, p, k4);
    x += (h / 6) * (k1[0]! + 2 * k2[0]! + 2 * k3[0]! + k4[0]!);
    y += (h / 6) * (k1[1]! + 2 * k2[1]! + 2 * k3[1]! + k4[1]!);
    z += (h / 6) * (k1[2]! + 2 * k2[2]! + 2 * k3[2]! + k4[2]!);
    const o = 3 * (s + 1);
    traj[o] = x;
    traj[o + 1] = y;
    traj[o + 2] = z;
  }
}

/** Linear interpolation of a [points][3] trajectory onto `steps` equally spaced points. */
export function resample(traj: Float64Array, points: number, steps: number, out: Float64Array): void {
  for (let s = 0; s < steps; s++) {
    const pos = steps === 1 ? 0 : (s * (points - 1)) / (steps - 1);
    const i0 = Math.floor(pos);
    const i1 = Math.min(i0 + 1, points - 1);
    const frac = pos - i0;
    for (let c = 0; c < 3; c++) {
      out[3 * s + c] = traj[3 * i0 + c]! * (1 - frac) + traj[3 * i1 + c]! * frac;
    }
  }
}

/** Encode [n][nFeatures] features into [n][numSteps][3·nFeatures] trajectories. */
export function encodeFeatures(
  sys: DynamicalSystem,
  spec: EncoderSpec,
  features: Float32Array,
  n: number,
): EncodedSet {
  const k = spec.nFeatures;
  const p = { ...sys.defaults, ...spec.params };
  const nSteps = rk4StepCount(spec.h, spec.tmax);
  const points = nSteps + 1;
  const traj = new Float64Array(points * 3);
  const res = new Float64Array(spec.numSteps * 3);
  const channels = 3 * k;
  const data = new Float32Array(n * spec.numSteps * channels);
  for (let i = 0; i < n; i++) {
    // Per-sample max-abs normalisation.
    let m = 0;
    for (let f = 0; f < k; f++) m = Math.max(m, Math.abs(features[i * k + f]!));
    const scale = m > 0 ? 1 / m : 0;
    for (let f = 0; f < k; f++) {
      const v = features[i * k + f]! * scale;
      integrate(sys, p, v, 0.2 * v, -v, spec.h, nSteps, traj);
      resample(traj, points, spec.numSteps, res);
      for (let s = 0; s < spec.numSteps; s++) {
        const o = (i * spec.numSteps + s) * channels + 3 * f;
        data[o] = res[3 * s]!;
        data[o + 1] = res[3 * s + 1]!;
        data[o + 2] = res[3 * s + 2]!;
      }
    }
  }
  return { n, steps: spec.numSteps, channels, data };
}
