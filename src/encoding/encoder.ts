// Dynamical Alignment encoder (paper.md §3): each feature value, after per-sample max-abs
// normalisation, becomes the initial condition (f, 0.2f, −f) of a 3-D system, integrated with
// classic RK4 (step h to tmax) and linearly resampled onto the network's steps.
import type { EncoderSpec } from '../ir/model.js';
import { DynalignError } from '../util/errors.js';
import { DivergenceError, isBounded } from './divergence.js';
import { compileKernel, kernelSource } from './kernel.js';
import { checkTiming, makePlan, stepCount, type EncodePlan } from './plan.js';
import { resolveParams } from './registry.js';
import type { DynamicalSystem, Params, RegisteredSystem } from './system.js';

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
  return stepCount(h, tmax);
}

/**
 * Integrate one initial condition with RK4 (step h to tmax) and write x, y, z at every point
 * into `traj` ([points][3]). The reference path: the fast kernel must agree with it.
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
    const hh = 0.5 * h;
    sys.derivative(x, y, z, t, p, k1);
    sys.derivative(x + hh * k1[0]!, y + hh * k1[1]!, z + hh * k1[2]!, t + hh, p, k2);
    sys.derivative(x + hh * k2[0]!, y + hh * k2[1]!, z + hh * k2[2]!, t + hh, p, k3);
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
export function resample(
  traj: Float64Array,
  points: number,
  steps: number,
  out: Float64Array,
): void {
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

function isRegistered(sys: DynamicalSystem): sys is RegisteredSystem {
  return 'definition' in sys;
}

/** Reject feature arrays that are short or hold NaN/Infinity (they would poison every step). */
export function checkFeatures(features: ArrayLike<number>, n: number, k: number): void {
  if (features.length < n * k) {
    throw new DynalignError('E_BAD_FEATURES', `expected ${n}×${k} features`, {
      field: 'features',
      value: features.length,
      fix: 'pass row-major [n][nFeatures] features',
    });
  }
  for (let i = 0; i < n * k; i++) {
    if (!Number.isFinite(features[i])) {
      throw new DynalignError('E_BAD_FEATURES', 'a feature value is not finite', {
        field: `features[${Math.floor(i / k)}][${i % k}]`,
        value: String(features[i]),
        fix: 'clean the reduced features (NaN or Infinity cannot be integrated)',
      });
    }
  }
}

/**
 * Encode samples [first, last) into `out` ([n][numSteps][3k]) with the system's kernel; throws
 * DivergenceError when a trajectory runs away. `out` may be Float64Array for exact comparisons.
 */
export function encodeInto(
  sys: RegisteredSystem,
  p: Params,
  plan: EncodePlan,
  features: ArrayLike<number>,
  k: number,
  out: Float32Array | Float64Array,
  first: number,
  last: number,
): void {
  const kernel = compileKernel(kernelSource(sys, p, plan.drive !== null));
  const status = new Float64Array(3);
  const bad = kernel(
    features,
    k,
    first,
    last,
    out,
    plan.index,
    plan.weight,
    plan.numSteps,
    plan.nSteps,
    plan.h,
    plan.drive,
    status,
  );
  if (bad >= 0) throw divergenceAt(sys, p, plan, features, k, status);
}

/**
 * The DivergenceError for a kernel status [sample, feature, checkpoint step]: the trajectory is
 * replayed on the reference path (bit-identical to the kernel) to find the first bad step.
 */
export function divergenceAt(
  sys: RegisteredSystem,
  p: Params,
  plan: EncodePlan,
  features: ArrayLike<number>,
  k: number,
  status: ArrayLike<number>,
): DivergenceError {
  const [sample, feature, checkpoint] = [status[0]!, status[1]!, status[2]!];
  let m = 0;
  for (let f = 0; f < k; f++) m = Math.max(m, Math.abs(features[sample * k + f]!));
  const v = m > 0 ? features[sample * k + feature]! / m : 0;
  const traj = new Float64Array(3 * (checkpoint + 1));
  integrate(sys, p, v, 0.2 * v, -v, plan.h, checkpoint, traj);
  let step = checkpoint;
  while (step > 1 && !isBounded(traj[3 * step - 3]!, traj[3 * step - 2]!, traj[3 * step - 1]!))
    step--;
  return new DivergenceError({
    system: sys.name,
    params: p,
    t: step * plan.h,
    state: [traj[3 * step]!, traj[3 * step + 1]!, traj[3 * step + 2]!],
    context: 'encode',
    sample,
    feature,
    value: v,
    h: plan.h,
    tmax: plan.nSteps * plan.h,
  });
}

/** Encode [n][nFeatures] features into [n][numSteps][3·nFeatures] trajectories. */
export function encodeFeatures(
  sys: DynamicalSystem,
  spec: EncoderSpec,
  features: Float32Array,
  n: number,
): EncodedSet {
  const k = spec.nFeatures;
  checkTiming(spec.h, spec.tmax, spec.numSteps);
  checkFeatures(features, n, k);
  const channels = 3 * k;
  const data = new Float32Array(n * spec.numSteps * channels);

  // Registered systems run the generated kernel; any other DynamicalSystem the reference path.
  if (isRegistered(sys)) {
    const p = resolveParams(sys, spec.params, 'encoder.params');
    encodeInto(sys, p, makePlan(sys, p, spec.h, spec.tmax, spec.numSteps), features, k, data, 0, n);
  } else {
    encodeReference(sys, { ...sys.defaults, ...spec.params }, spec, features, n, data);
  }
  return { n, steps: spec.numSteps, channels, data };
}

/** The plain path (integrate + resample per trajectory) for systems outside the registry. */
function encodeReference(
  sys: DynamicalSystem,
  p: Params,
  spec: EncoderSpec,
  features: Float32Array,
  n: number,
  data: Float32Array,
): void {
  const k = spec.nFeatures;
  const nSteps = rk4StepCount(spec.h, spec.tmax);
  const traj = new Float64Array((nSteps + 1) * 3);
  const res = new Float64Array(spec.numSteps * 3);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let f = 0; f < k; f++) m = Math.max(m, Math.abs(features[i * k + f]!));
    for (let f = 0; f < k; f++) {
      const v = m > 0 ? features[i * k + f]! / m : 0;
      integrate(sys, p, v, 0.2 * v, -v, spec.h, nSteps, traj);
      for (let s = 1; s <= nSteps; s++) {
        if (isBounded(traj[3 * s]!, traj[3 * s + 1]!, traj[3 * s + 2]!)) continue;
        throw new DivergenceError({
          system: sys.name,
          params: p,
          t: s * spec.h,
          context: 'encode',
          sample: i,
          feature: f,
          value: v,
          h: spec.h,
          tmax: spec.tmax,
          state: [traj[3 * s]!, traj[3 * s + 1]!, traj[3 * s + 2]!],
        });
      }
      resample(traj, nSteps + 1, spec.numSteps, res);
      for (let s = 0; s < spec.numSteps; s++) {
        data.set(res.subarray(3 * s, 3 * s + 3), (i * spec.numSteps + s) * 3 * k + 3 * f);
      }
    }
  }
}
