// What lava-dl's netx does to a dense layer's stored weights before it builds the Lava Dense
// (loihi.md §2.2, netx.utils.optimize_weight_bits): rescale them to fill 8 bits, pick
// num_weight_bits and a negative weight_exp that undoes the rescale after the sum (§6.5).
import { DynalignError } from '../../src/util/errors.js';

/** The Dense arguments netx derives from a layer's `weight` dataset. */
export interface NetxDense {
  /** Weights handed to Lava's Dense, row-major [out][in]. */
  weights: Int32Array;
  numWeightBits: number;
  weightExp: number;
  /** netx's own sign mode; netx does not pass it on, so Lava infers its own (§2.2). */
  netxSignMode: 'MIXED' | 'EXCITATORY' | 'INHIBITORY';
}

/**
 * Port of netx `optimize_weight_bits` (§2.2): clip mixed weights to [−256, 254] when out of
 * range, scale_bits = floor(log2(scale)) + isSigned with scale = min(127/max, 128/−min) for
 * mixed, 255/max excitatory, −256/min inhibitory; n = the largest power of two (≤ 8) dividing
 * every weight, minus isSigned; num_weight_bits = 8 − scale_bits − n; weight_exp = −scale_bits;
 * weights << scale_bits. `stored` are the float32 values of the file, truncated as NetDict's
 * astype(int) does.
 */
export function optimizeWeightBits(stored: ArrayLike<number>, layer: string): NetxDense {
  let w = Array.from(stored, (x) => Math.trunc(x));
  let [min, max] = extremes(w);
  if (max > 254 && min < 0) {
    w = w.map((x) => Math.min(254, Math.max(-256, x)));
    max = extremes(w)[1];
  }
  if (min < -256 && max > 0) {
    w = w.map((x) => Math.min(254, Math.max(-256, x)));
    min = extremes(w)[0];
  }

  // Sign mode and scale, exactly as netx orders its tests.
  const mode = max < 0 ? 'INHIBITORY' : min >= 0 ? 'EXCITATORY' : 'MIXED';
  const isSigned = mode === 'MIXED' ? 1 : 0;
  const scale =
    mode === 'MIXED'
      ? Math.min(max > 0 ? 127 / max : Infinity, -128 / min)
      : mode === 'INHIBITORY'
        ? -256 / min
        : 255 / max;
  if (!Number.isFinite(scale)) {
    throw new DynalignError('E_LOIHI_WEIGHTS', 'netx cannot optimise an all-zero weight matrix', {
      field: layer,
      value: 0,
      fix: 'remove the layer or give it non-zero weights (netx divides by the largest weight)',
    });
  }
  const scaleBits = Math.floor(Math.log2(scale)) + isSigned;
  if (scaleBits < 0) {
    throw new DynalignError('E_LOIHI_WEIGHTS', 'weights exceed what netx can store in 8 bits', {
      field: layer,
      value: { min, max },
      fix: 'keep stored weights within [0, 255] (excitatory) or [−256, 254] (mixed)',
    });
  }

  // Precision: the largest n ≤ 8 with every weight a multiple of 2^n.
  let n = 8;
  while (n > 0 && w.some((x) => x % 2 ** n !== 0)) n--;
  n -= isSigned;
  const weights = Int32Array.from(w, (x) => x << scaleBits);
  return { weights, numWeightBits: 8 - scaleBits - n, weightExp: -scaleBits, netxSignMode: mode };
}

function extremes(w: readonly number[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const x of w) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return [min, max];
}
