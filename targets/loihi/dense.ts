// Lava's bit-accurate Dense (loihi.md §1.4): on the first step the weights are clipped to 8 bits
// and their low bits truncated by sign mode; every step the sum of the weights of the inputs
// that spiked (or weight × payload for graded input) is shifted by weight_exp.
import { int32, WEIGHT_BITS } from './profile.js';

/** §1.4 / lava.utils.weightutils.SignMode. */
export type SignMode = 'MIXED' | 'EXCITATORY' | 'INHIBITORY';

/** §1.4 step 1: EXCITATORY if min ≥ 0 (all-zero counts), INHIBITORY if max ≤ 0, else MIXED. */
export function determineSignMode(w: ArrayLike<number>): SignMode {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < w.length; i++) {
    min = Math.min(min, w[i]!);
    max = Math.max(max, w[i]!);
  }
  if (min >= 0) return 'EXCITATORY';
  if (max <= 0) return 'INHIBITORY';
  return 'MIXED';
}

/**
 * §1.4 steps 2–3: clip to 8 bits (mixed [−256, 255], excitatory [0, 255], inhibitory on the
 * magnitude to [−255, 0]), then drop k = 8 − num_weight_bits + isMixed low bits with an
 * arithmetic shift (inhibitory weights on their magnitude).
 */
export function effectiveWeights(
  w: ArrayLike<number>,
  signMode: SignMode,
  numWeightBits: number,
): Int32Array {
  const mixed = signMode === 'MIXED' ? 1 : 0;
  const neg = signMode === 'INHIBITORY';
  const lo = mixed ? -(2 ** WEIGHT_BITS) : 0;
  const hi = 2 ** WEIGHT_BITS - 1;
  const k = WEIGHT_BITS - numWeightBits + mixed;
  const out = new Int32Array(w.length);
  for (let i = 0; i < w.length; i++) {
    let x = Math.trunc(w[i]!);
    if (neg) x = -x;
    x = Math.min(hi, Math.max(lo, x));
    x = (x >> k) << k;
    out[i] = neg ? -x : x;
  }
  return out;
}

/** §1.4: a_buff = acc << weight_exp for weight_exp > 0, else acc >> −weight_exp (floor). */
export function shiftSum(acc: number, weightExp: number): number {
  return weightExp > 0 ? int32(acc << weightExp) : acc >> -weightExp;
}

/** A Dense ready to run: effective weights [nPost][nPre] and its exponent. */
export interface DenseRun {
  nPre: number;
  nPost: number;
  weights: Int32Array;
  weightExp: number;
  /** Graded input (num_message_bits > 0): payloads multiply weights. */
  graded: boolean;
}

/**
 * One step of a Dense: a = shift(Σ_j W[i][j]·s[j]) into `out`. Binary input sums the columns
 * whose input is non-zero. The int32 products and sums wrap as numpy's do. Returns the number
 * of input events (non-zero inputs).
 */
export function accumulate(d: DenseRun, s: ArrayLike<number>, out: Int32Array): number {
  out.fill(0);
  let events = 0;
  for (let j = 0; j < d.nPre; j++) {
    const x = s[j]!;
    if (x === 0) continue;
    events++;
    const m = d.graded ? x : 1;
    for (let i = 0; i < d.nPost; i++) {
      out[i] = int32(out[i]! + int32(Math.imul(d.weights[i * d.nPre + j]!, m)));
    }
  }
  if (events > 0) for (let i = 0; i < d.nPost; i++) out[i] = shiftSum(out[i]!, d.weightExp);
  return events;
}
