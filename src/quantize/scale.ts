// Per-layer weight scales: one real number per synaptic node so that weight ≈ scale · q with q an
// integer of the profile's width. Chosen by max-abs, by a percentile of |w|, or calibrated: the
// clip level among a few candidates that least disturbs the layer's input currents on real data.
import { roundBy, type Rounding } from './arith.js';
import type { WeightFormat } from './profile.js';

export type ScaleMethod = 'max-abs' | 'percentile' | 'calibrated';
export const SCALE_METHODS: readonly ScaleMethod[] = ['max-abs', 'percentile', 'calibrated'];

/** Largest and smallest integer weight a format allows. */
export function weightLimits(f: WeightFormat): { min: number; max: number } {
  const top = 2 ** (f.bits - 1);
  if (f.sign === 'twos-complement') return { min: -top, max: top - 1 };
  if (f.sign === 'even') return { min: -top, max: top - 2 };
  return { min: -(top - 1), max: top - 1 };
}

/** One weight to its integer: round, clip into the format, drop the LSB in 'even' mode. */
export function quantizeWeight(w: number, scale: number, f: WeightFormat, mode: Rounding): number {
  const { min, max } = weightLimits(f);
  let q = roundBy(w / scale, mode);
  if (f.sign === 'even') q = 2 * roundBy(q / 2, mode);
  return Math.min(max, Math.max(min, q));
}

/** Statistics of a quantised weight array against its float original. */
export interface WeightStats {
  /** Fraction of weights whose integer hit the format's limit while |w/scale| exceeded it. */
  clipRate: number;
  /** ‖w − scale·q‖ / ‖w‖ (0 for an all-zero layer). */
  relError: number;
  /** Signed bits needed by the largest integer weight. */
  bitsUsed: number;
}

/** Quantise a weight array; returns the integers and their statistics. */
export function quantizeWeights(
  w: Float64Array,
  scale: number,
  f: WeightFormat,
  mode: Rounding,
): { q: Int32Array; stats: WeightStats } {
  const { min, max } = weightLimits(f);
  const q = new Int32Array(w.length);
  let clipped = 0;
  let err = 0;
  let norm = 0;
  let top = 0;
  for (let i = 0; i < w.length; i++) {
    const r = w[i]! / scale;
    if (r > max + 0.5 || r < min - 0.5) clipped++;
    q[i] = quantizeWeight(w[i]!, scale, f, mode);
    err += (w[i]! - scale * q[i]!) ** 2;
    norm += w[i]! ** 2;
    top = Math.max(top, q[i]! < 0 ? -q[i]! - 1 : q[i]!);
  }
  const bitsUsed = top === 0 ? 1 : Math.floor(Math.log2(top)) + 2;
  const relError = norm === 0 ? 0 : Math.sqrt(err / norm);
  return { q, stats: { clipRate: w.length ? clipped / w.length : 0, relError, bitsUsed } };
}

/** |w| at the given percentile (0–100) by sorting a copy. */
export function absPercentile(w: ArrayLike<number>, pct: number): number {
  const a = Float64Array.from(w, Math.abs).sort();
  if (a.length === 0) return 0;
  const pos = Math.min(a.length - 1, Math.max(0, Math.ceil((pct / 100) * a.length) - 1));
  return a[pos]!;
}

/** Round a scale up to a power of two (formats whose weights are q · 2^e). */
export function powerOfTwoAbove(s: number): number {
  return 2 ** Math.ceil(Math.log2(s));
}

/** Candidate clip levels (fractions of max |w|) the calibrated method tries. */
export const CALIBRATION_CLIPS = [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4] as const;

/**
 * Scale of one layer. `currentError(scale)` (calibrated method) returns the squared error of the
 * layer's input currents on calibration data when weights are quantised at that scale.
 */
export function chooseScale(
  w: Float64Array,
  f: WeightFormat,
  method: ScaleMethod,
  percentile: number,
  currentError?: (scale: number) => number,
): number {
  const { max } = weightLimits(f);
  const maxAbs = w.reduce((a, x) => Math.max(a, Math.abs(x)), 0);
  if (maxAbs === 0) return 1;
  const fit = (s: number) => (f.scale === 'power-of-two' ? powerOfTwoAbove(s) : s);
  if (method === 'max-abs' || (method === 'calibrated' && !currentError)) return fit(maxAbs / max);
  if (method === 'percentile')
    return fit(Math.max(absPercentile(w, percentile), maxAbs * 1e-6) / max);
  let best = fit(maxAbs / max);
  let bestErr = Infinity;
  for (const clip of CALIBRATION_CLIPS) {
    const s = fit((clip * maxAbs) / max);
    const e = currentError!(s);
    if (e < bestErr) ((bestErr = e), (best = s));
  }
  return best;
}
