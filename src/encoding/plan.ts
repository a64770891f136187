// What the encoder needs besides the features: step count, where each network step falls on
// the trajectory, and the drive u(t) at every RK4 stage. Built once per encode call.
import { DynalignError } from '../util/errors.js';
import type { Params, RegisteredSystem } from './system.js';

export interface EncodePlan {
  /** RK4 steps to tmax; the trajectory has nSteps + 1 points. */
  nSteps: number;
  h: number;
  /** Network time steps (points the trajectory is resampled onto). */
  numSteps: number;
  /** Per network step: the trajectory point at or before it, and the weight of the next one. */
  index: Int32Array;
  weight: Float64Array;
  /** u at s·h, s·h + h/2 and s·h + h for every step s ([nSteps][3]); null when u ≡ 0. */
  drive: Float64Array | null;
}

/** RK4 steps to reach tmax (tmax/h rounded, so tmax/h + 1 trajectory points). */
export function stepCount(h: number, tmax: number): number {
  return Math.round(tmax / h);
}

/** Check h, tmax and numSteps; every problem is a usage error naming the option. */
export function checkTiming(h: number, tmax: number, numSteps: number): void {
  const bad = (field: string, value: number, message: string, fix: string): never => {
    throw new DynalignError('E_BAD_TIMING', message, { field, value, fix });
  };
  if (!(tmax > 0) || !Number.isFinite(tmax))
    bad('--tmax', tmax, 'tmax must be > 0', 'e.g. --tmax 8');
  if (!(h > 0) || !Number.isFinite(h)) bad('--h', h, 'the RK4 step must be > 0', 'e.g. --h 0.01');
  if (h > tmax) bad('--h', h, `the RK4 step is longer than tmax ${tmax}`, 'use --h 0.01');
  if (!Number.isInteger(numSteps) || numSteps < 1) {
    bad('--steps', numSteps, 'steps must be a whole number ≥ 1', 'e.g. --steps 5');
  }
  const points = stepCount(h, tmax) + 1;
  // The last point must land on tmax; 1e-9 relative absorbs decimal steps such as 8 / 0.01.
  if (Math.abs((points - 1) * h - tmax) > 1e-9 * tmax) {
    bad(
      '--tmax',
      tmax,
      `tmax is not a whole number of RK4 steps of ${h}`,
      `use a tmax that is a multiple of --h, e.g. ${(points - 1) * h}`,
    );
  }
  if (numSteps > points) {
    bad(
      '--steps',
      numSteps,
      `more steps than the ${points} points of the trajectory`,
      `use --steps ${points} or less, or a smaller --h`,
    );
  }
}

/** Linear-resampling positions: network step s sits at s·(points − 1)/(numSteps − 1). */
export function resamplePositions(points: number, numSteps: number): [Int32Array, Float64Array] {
  const index = new Int32Array(numSteps);
  const weight = new Float64Array(numSteps);
  for (let s = 0; s < numSteps; s++) {
    const pos = numSteps === 1 ? 0 : (s * (points - 1)) / (numSteps - 1);
    index[s] = Math.floor(pos);
    weight[s] = pos - index[s]!;
  }
  return [index, weight];
}

/** Drive table for every stage time, or null when the drive is zero throughout. */
export function driveTable(
  sys: RegisteredSystem,
  p: Params,
  h: number,
  nSteps: number,
): Float64Array | null {
  if (sys.definition.drive === undefined) return null;
  const table = new Float64Array(3 * nSteps);
  let any = false;
  for (let s = 0; s < nSteps; s++) {
    // Stage times computed exactly as integrate() does, so both paths agree bit for bit.
    const t = s * h;
    table[3 * s] = sys.drive(t, p);
    table[3 * s + 1] = sys.drive(t + 0.5 * h, p);
    table[3 * s + 2] = sys.drive(t + h, p);
    any ||= table[3 * s] !== 0 || table[3 * s + 1] !== 0 || table[3 * s + 2] !== 0;
  }
  return any ? table : null;
}

/** The plan of one encode call (timing is assumed checked). */
export function makePlan(
  sys: RegisteredSystem,
  p: Params,
  h: number,
  tmax: number,
  numSteps: number,
): EncodePlan {
  const nSteps = stepCount(h, tmax);
  const [index, weight] = resamplePositions(nSteps + 1, numSteps);
  return { nSteps, h, numSteps, index, weight, drive: driveTable(sys, p, h, nSteps) };
}
