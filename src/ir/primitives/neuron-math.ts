// Step rules shared by the neuron primitives: forward Euler as the NIR reference executor does
// it, and the exact solution for input held constant over the step with the threshold crossing
// found inside the step (as NIR's paper/01_lif/lif_exact_sim.py does for LIF).
import type { SimContext } from './types.js';

/**
 * A node stops counting spikes in one step after this many crossings (a reset value at or
 * above threshold would otherwise loop forever). LIMITATION: spikes are unit events per step,
 * so several crossings in one step still emit one event.
 */
export const MAX_CROSSINGS_PER_STEP = 64;

/** Iterations of bisection / ternary search: 2^-80 of a step is below float64 resolution. */
const SEARCH_ITERATIONS = 80;

/** Membrane value right after a spike at threshold `thr`: v_reset, or thr − thr by subtraction. */
export function resetValue(ctx: SimContext, thr: number, vReset: number): number {
  return ctx.reset === 'zero' ? vReset : thr - thr;
}

/** Result of one exact step of a spiking neuron. */
export interface ExactStep {
  v: number;
  crossings: number;
}

/**
 * Exact LIF step: τ·dv/dt = u − v with u = v_leak + r·I constant over `dt`; each time v rises
 * above `thr` it is reset to `after` at that instant and integration goes on.
 */
export function exactLeaky(v0: number, u: number, tau: number, dt: number, thr: number,
  after: number): ExactStep {
  let v = v0;
  let rem = dt;
  let crossings = 0;
  while (crossings < MAX_CROSSINGS_PER_STEP) {
    const vEnd = u + (v - u) * Math.exp(-rem / tau);
    if (!(vEnd > thr)) return { v: vEnd, crossings };

    // v < thr < vEnd implies u > thr, so the logarithm's argument lies in (1, ∞).
    const s = v > thr ? 0 : tau * Math.log((v - u) / (thr - u));
    rem = Math.max(0, rem - s);
    crossings++;
    v = after;
  }
  return { v: u + (v - u) * Math.exp(-rem / tau), crossings };
}

/** Exact IF step: dv/dt = r·I constant over `dt`, reset to `after` at each crossing. */
export function exactRamp(v0: number, slope: number, dt: number, thr: number,
  after: number): ExactStep {
  let v = v0;
  let rem = dt;
  let crossings = 0;
  while (crossings < MAX_CROSSINGS_PER_STEP) {
    const vEnd = v + slope * rem;
    if (!(vEnd > thr)) return { v: vEnd, crossings };
    const s = v > thr ? 0 : (thr - v) / slope;
    rem = Math.max(0, rem - s);
    crossings++;
    v = after;
  }
  return { v: v + slope * rem, crossings };
}

/** Parameters of one current-based neuron for the exact two-exponential solution. */
export interface CubaParams {
  tauSyn: number;
  tauMem: number;
  r: number;
  vLeak: number;
  /** w_in·S: the value the synaptic current relaxes to over this step. */
  iTarget: number;
}

/** Synaptic current after time s: τs·di/dt = w_in·S − i. */
export function cubaCurrent(p: CubaParams, i0: number, s: number): number {
  return p.iTarget + (i0 - p.iTarget) * Math.exp(-s / p.tauSyn);
}

/** Membrane after time s: τm·dv/dt = v_leak − v + r·i(s), solved in closed form. */
export function cubaMembrane(p: CubaParams, i0: number, v0: number, s: number): number {
  const vInf = p.vLeak + p.r * p.iTarget;
  const d = i0 - p.iTarget;
  const em = Math.exp(-s / p.tauMem);
  const x = (s * (p.tauSyn - p.tauMem)) / (p.tauSyn * p.tauMem);

  // For τs ≈ τm the two-exponential form cancels; its limit r·D·(s/τm)·e^(−s/τm) is used.
  let cross: number;
  if (Math.abs(x) > 1e-3) {
    const b = (p.r * d * p.tauSyn) / (p.tauSyn - p.tauMem);
    cross = b * (Math.exp(-s / p.tauSyn) - em);
  } else {
    const phi = x === 0 ? 1 : Math.expm1(x) / x;
    cross = p.r * d * (s / p.tauMem) * phi * em;
  }
  return vInf + (v0 - vInf) * em + cross;
}

/**
 * Exact CubaLIF step: both ODEs solved with S constant over `dt`. The membrane is a sum of two
 * exponentials, so it has at most one extremum per interval: a ternary search finds a maximum
 * inside the step and bisection the first crossing.
 */
export function exactCuba(p: CubaParams, i0: number, v0: number, dt: number, thr: number,
  after: number): { i: number; v: number; crossings: number } {
  let i = i0;
  let v = v0;
  let rem = dt;
  let crossings = 0;
  while (crossings < MAX_CROSSINGS_PER_STEP && rem > 0) {
    const s = firstCrossing(p, i, v, rem, thr);
    if (s === undefined) break;
    i = cubaCurrent(p, i, s);
    v = after;
    rem = Math.max(0, rem - s);
    crossings++;
  }
  return { i: cubaCurrent(p, i, rem), v: cubaMembrane(p, i, v, rem), crossings };
}

function firstCrossing(p: CubaParams, i0: number, v0: number, rem: number,
  thr: number): number | undefined {
  if (v0 > thr) return 0;
  const f = (s: number): number => cubaMembrane(p, i0, v0, s);
  let hi = rem;
  if (!(f(rem) > thr)) {
    const rising = p.vLeak - v0 + p.r * i0 > 0;
    if (!rising) return undefined;
    hi = argMax(f, rem);
    if (!(f(hi) > thr)) return undefined;
  }
  let lo = 0;
  for (let k = 0; k < SEARCH_ITERATIONS; k++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > thr) hi = mid;
    else lo = mid;
  }
  return hi;
}

function argMax(f: (s: number) => number, rem: number): number {
  let lo = 0;
  let hi = rem;
  for (let k = 0; k < SEARCH_ITERATIONS; k++) {
    const a = lo + (hi - lo) / 3;
    const b = hi - (hi - lo) / 3;
    if (f(a) < f(b)) lo = a;
    else hi = b;
  }
  return (lo + hi) / 2;
}
