// Validation split, shuffling and batch gathering over EncodedSet ([n][steps][channels]).
import type { EncodedSet } from '../encoding/encoder.js';

/** Samples with the given indices, in that order. */
export function subsetOf(set: EncodedSet, idx: ArrayLike<number>): EncodedSet {
  const frame = set.steps * set.channels;
  const data = new Float32Array(idx.length * frame);
  const labels = new Uint8Array(idx.length);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    data.set(set.data.subarray(i * frame, (i + 1) * frame), k * frame);
    labels[k] = set.labels?.[i] ?? 0;
  }
  return { n: idx.length, steps: set.steps, channels: set.channels, data, labels };
}

/**
 * Carve a validation set from the training set: per class, the last ⌈fraction · n_class⌉
 * samples in set order. Deterministic and independent of the seed, so runs compare.
 * LIMITATION: the reducer was fitted on these images too, so their UMAP coordinates are
 * in-sample and validation accuracy runs about 3 points above test accuracy.
 */
export function carveValidation(
  set: EncodedSet,
  fraction: number,
): { fit: EncodedSet; val: EncodedSet } {
  if (!set.labels) throw new TypeError('the training set has no labels');
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < set.n; i++) {
    const y = set.labels[i]!;
    const list = byClass.get(y);
    if (list) list.push(i);
    else byClass.set(y, [i]);
  }
  const fit: number[] = [];
  const val: number[] = [];
  for (const idx of byClass.values()) {
    const nVal = fraction > 0 ? Math.ceil(fraction * idx.length) : 0;
    const cut = idx.length - Math.min(nVal, idx.length - 1);
    idx.forEach((i, k) => (k < cut ? fit : val).push(i));
  }
  fit.sort((a, b) => a - b);
  val.sort((a, b) => a - b);
  return { fit: subsetOf(set, fit), val: subsetOf(set, val) };
}

/** Fisher–Yates permutation of 0..n−1 from a seeded generator. */
export function shuffledOrder(n: number, rand: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
  }
  return order;
}

/** Frames of samples order[start..end) as time-major [T][B][C], with their labels. */
export function gatherTimeMajor(
  set: EncodedSet,
  order: ArrayLike<number>,
  start: number,
  end: number,
): { x: Float32Array; labels: Uint8Array; batch: number } {
  const batch = end - start;
  const { steps, channels } = set;
  const x = new Float32Array(steps * batch * channels);
  const labels = new Uint8Array(batch);
  for (let b = 0; b < batch; b++) {
    const i = order[start + b]!;
    labels[b] = set.labels?.[i] ?? 0;
    for (let t = 0; t < steps; t++) {
      const src = (i * steps + t) * channels;
      x.set(set.data.subarray(src, src + channels), (t * batch + b) * channels);
    }
  }
  return { x, labels, batch };
}

/** The 0..n−1 order, for evaluation in set order. */
export function identityOrder(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}
