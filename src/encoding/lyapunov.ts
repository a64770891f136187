// Lyapunov spectrum by Benettin's method: the state and three tangent vectors are integrated
// together with RK4 (tangents through the analytic Jacobian), re-orthonormalised by QR every k
// steps; the logs of R's diagonal, averaged over time, are the exponents.
import { DivergenceError, isBounded } from './divergence.js';
import type { Params, RegisteredSystem } from './system.js';

export interface LyapunovOptions {
  /** RK4 step (paper: 0.01). */
  h: number;
  /** Discarded time before averaging starts. */
  transient: number;
  /** Averaging window after the transient. */
  time: number;
  /** Steps between QR re-orthonormalisations (paper: 5). */
  qrEvery: number;
  /** Initial condition (paper: 0.1, 0.1, 0.1). */
  initial: [number, number, number];
}

export interface LyapunovResult {
  /** λ1 ≥ λ2 ≥ λ3 in 1/time. */
  exponents: [number, number, number];
  sigmaLambda: number;
  kaplanYorke: number;
  /** Time average of the Jacobian's trace along the same trajectory: an independent Σλ. */
  traceMean: number;
  options: LyapunovOptions;
}

/** One RK4 step of the state s (3) and tangent matrix v (3×3, column j = vector j), in place. */
class TangentStepper {
  private readonly f = Array.from({ length: 4 }, () => new Float64Array(3));
  private readonly jv = Array.from({ length: 4 }, () => new Float64Array(9));
  private readonly jac = new Float64Array(9);
  private readonly s1 = new Float64Array(3);
  private readonly v1 = new Float64Array(9);

  constructor(
    private readonly sys: RegisteredSystem,
    private readonly p: Params,
  ) {}

  /** Slopes at (s, v, t): f = F(s), jv = J(s)·v. */
  private slope(
    s: Float64Array,
    v: Float64Array,
    t: number,
    f: Float64Array,
    jv: Float64Array,
  ): void {
    this.sys.derivative(s[0]!, s[1]!, s[2]!, t, this.p, f);
    this.sys.jacobian(s[0]!, s[1]!, s[2]!, t, this.p, this.jac);
    const J = this.jac;
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) {
        jv[3 * r + c] = J[3 * r]! * v[c]! + J[3 * r + 1]! * v[3 + c]! + J[3 * r + 2]! * v[6 + c]!;
      }
    }
  }

  step(s: Float64Array, v: Float64Array, t: number, h: number): void {
    const { f, jv, s1, v1 } = this;
    const at = (n: number, c: number): void => {
      for (let i = 0; i < 3; i++) s1[i] = s[i]! + c * f[n]![i]!;
      for (let i = 0; i < 9; i++) v1[i] = v[i]! + c * jv[n]![i]!;
    };
    this.slope(s, v, t, f[0]!, jv[0]!);
    at(0, 0.5 * h);
    this.slope(s1, v1, t + 0.5 * h, f[1]!, jv[1]!);
    at(1, 0.5 * h);
    this.slope(s1, v1, t + 0.5 * h, f[2]!, jv[2]!);
    at(2, h);
    this.slope(s1, v1, t + h, f[3]!, jv[3]!);
    for (let i = 0; i < 3; i++)
      s[i] = s[i]! + (h / 6) * (f[0]![i]! + 2 * f[1]![i]! + 2 * f[2]![i]! + f[3]![i]!);
    for (let i = 0; i < 9; i++) {
      v[i] = v[i]! + (h / 6) * (jv[0]![i]! + 2 * jv[1]![i]! + 2 * jv[2]![i]! + jv[3]![i]!);
    }
  }
}

/** Modified Gram–Schmidt on the columns of v (row-major 3×3); adds log|r_jj| to sums. */
export function orthonormalise(v: Float64Array, sums: Float64Array): void {
  for (let j = 0; j < 3; j++) {
    for (let i = 0; i < j; i++) {
      const d = v[i]! * v[j]! + v[3 + i]! * v[3 + j]! + v[6 + i]! * v[6 + j]!;
      for (let r = 0; r < 3; r++) v[3 * r + j] = v[3 * r + j]! - d * v[3 * r + i]!;
    }
    const norm = Math.hypot(v[j]!, v[3 + j]!, v[6 + j]!);
    sums[j] = sums[j]! + Math.log(norm);
    for (let r = 0; r < 3; r++) v[3 * r + j] = v[3 * r + j]! / norm;
  }
}

/** Kaplan–Yorke dimension of a descending spectrum (0 if λ1 < 0; n if no partial sum < 0). */
export function kaplanYorke(exponents: readonly number[]): number {
  let sum = 0;
  for (let j = 0; j < exponents.length; j++) {
    if (sum + exponents[j]! < 0) return j === 0 ? 0 : j + sum / Math.abs(exponents[j]!);
    sum += exponents[j]!;
  }
  return exponents.length;
}

/** Benettin's method on one trajectory; a runaway state throws DivergenceError. */
export function lyapunovSpectrum(
  sys: RegisteredSystem,
  p: Params,
  o: LyapunovOptions,
): LyapunovResult {
  const s = Float64Array.from(o.initial);
  const v = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  const stepper = new TangentStepper(sys, p);
  const transientSteps = Math.round(o.transient / o.h);
  const steps = Math.max(1, Math.round(o.time / o.h));
  const blowUp = (t: number): DivergenceError =>
    new DivergenceError({
      system: sys.name,
      params: p,
      t,
      state: [s[0]!, s[1]!, s[2]!],
      context: 'lyapunov',
      h: o.h,
      tmax: o.transient + o.time,
    });

  // Transient: tangents ride along and are reset afterwards, so only the state matters.
  let t = 0;
  for (let n = 0; n < transientSteps; n++) {
    stepper.step(s, v, t, o.h);
    t = (n + 1) * o.h;
    if (!isBounded(s[0]!, s[1]!, s[2]!)) throw blowUp(t);
    if ((n + 1) % o.qrEvery === 0) orthonormalise(v, new Float64Array(3));
  }
  v.set([1, 0, 0, 0, 1, 0, 0, 0, 1]);

  // Averaging window: QR every qrEvery steps, trace by the trapezoid rule at step points.
  const sums = new Float64Array(3);
  let traceSum = 0;
  let trPrev = sys.trace(s[0]!, s[1]!, s[2]!, t, p);
  for (let n = 0; n < steps; n++) {
    stepper.step(s, v, t, o.h);
    t = (transientSteps + n + 1) * o.h;
    if (!isBounded(s[0]!, s[1]!, s[2]!)) throw blowUp(t);
    const tr = sys.trace(s[0]!, s[1]!, s[2]!, t, p);
    traceSum += 0.5 * (trPrev + tr) * o.h;
    trPrev = tr;
    if ((n + 1) % o.qrEvery === 0 || n === steps - 1) orthonormalise(v, sums);
  }

  const span = steps * o.h;
  const exponents = Array.from(sums, (x) => x / span).sort((a, b) => b - a) as [
    number,
    number,
    number,
  ];
  return {
    exponents,
    sigmaLambda: exponents[0] + exponents[1] + exponents[2],
    kaplanYorke: kaplanYorke(exponents),
    traceMean: traceSum / span,
    options: o,
  };
}
