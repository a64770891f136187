// UMAP (umap-js) on MNIST images: fitted on the training split with test images placed out of
// sample through exact neighbours, or fitted on both splits together (reducer fit 'all').
import type { ReducerSpec } from '../ir/model.js';
import { UMAP } from 'umap-js';
import { heapPush, makeHeap } from 'umap-js/dist/heap.js';
import { loadTf } from '../train/backend.js';
import { makeMatMul, transpose } from '../train/matmul.js';
import { mulberry32 } from '../util/random.js';
import { IMAGE_PIXELS, type ImageSet } from './mnist.js';
import type { ReducerFit } from './reducer-fit.js';

/** Embedded training and test rows, row-major [n][k]. */
export interface Embedding {
  train: Float32Array;
  test: Float32Array;
  k: number;
}

/** Fit UMAP as `fit` says: on the training split only, or on both splits without labels. */
export async function reduceUmap(
  spec: ReducerSpec,
  train: ImageSet,
  test: ImageSet,
  fit: ReducerFit,
): Promise<Embedding> {
  return fit === 'all' ? fitUmapOnAll(spec, train, test) : fitUmapOnTrain(spec, train, test);
}

function makeUmap(spec: ReducerSpec): UMAP {
  return new UMAP({
    nComponents: spec.nComponents,
    nNeighbors: spec.nNeighbors ?? 15,
    random: mulberry32(spec.seed),
  });
}

/**
 * One fit on the training rows followed by the test rows (the reference code's
 * `fit_transform(cat([train, test]))`), split afterwards: every image is placed in sample.
 */
async function fitUmapOnAll(
  spec: ReducerSpec,
  train: ImageSet,
  test: ImageSet,
): Promise<Embedding> {
  const all = [...imageRows(train), ...imageRows(test)];
  const emb = Float32Array.from(makeUmap(spec).fit(all).flat());
  const cut = train.n * spec.nComponents;
  return { train: emb.slice(0, cut), test: emb.slice(cut), k: spec.nComponents };
}

/**
 * UMAP fitted on the training images (umap-js, options as in reduce.ts), with the test images
 * placed by umap-js's own transform fed exact nearest neighbours. umap-js 1.4.0 transform
 * searches its neighbour graph with a loop that never runs (`i > ind.length` in
 * smallestFlagged) and stops tree initialisation at the first padded leaf, so its neighbours
 * are nearly random: measured 1-NN accuracy of transformed test points 0.35 against 0.91 in
 * pixel space. Exact neighbours restore it.
 */
async function fitUmapOnTrain(
  spec: ReducerSpec,
  train: ImageSet,
  test: ImageSet,
): Promise<Embedding> {
  const nNeighbors = spec.nNeighbors ?? 15;
  const umap = makeUmap(spec);
  const embTrain = umap.fit(imageRows(train));
  if (test.n === 0)
    return {
      train: Float32Array.from(embTrain.flat()),
      test: new Float32Array(),
      k: spec.nComponents,
    };

  // transform() keeps the first nNeighbors of a heap of 4 × nNeighbors (its queue size).
  const queue = Math.min(train.n, 4 * nNeighbors);
  const heap = makeHeap(test.n, queue);
  await exactNeighbours(train, test, queue, (row, idx, dist) => heapPush(heap, row, dist, idx, 1));
  (umap as unknown as { search: () => typeof heap }).search = () => heap;
  const embTest = umap.transform(imageRows(test));
  return {
    train: Float32Array.from(embTrain.flat()),
    test: Float32Array.from(embTest.flat()),
    k: spec.nComponents,
  };
}

function imageRows(set: ImageSet): number[][] {
  return Array.from({ length: set.n }, (_, i) =>
    Array.from(set.images.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS)),
  );
}

/** The `count` nearest training images (Euclidean) of every test image, via |q|²+|x|²−2q·x. */
async function exactNeighbours(
  train: ImageSet,
  test: ImageSet,
  count: number,
  push: (row: number, index: number, distance: number) => void,
): Promise<void> {
  const mm = makeMatMul((await loadTf()).tf);
  const d = IMAGE_PIXELS;
  const xt = transpose(train.images.subarray(0, train.n * d), train.n, d);
  const sq = (a: Float32Array, i: number) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += a[i * d + j]! * a[i * d + j]!;
    return s;
  };
  const trainSq = Float64Array.from({ length: train.n }, (_, i) => sq(train.images, i));
  const CHUNK = 256;
  for (let q0 = 0; q0 < test.n; q0 += CHUNK) {
    const rows = Math.min(CHUNK, test.n - q0);
    const dots = mm(test.images.subarray(q0 * d, (q0 + rows) * d), rows, d, xt, train.n);
    for (let r = 0; r < rows; r++) {
      const qSq = sq(test.images, q0 + r);
      const dist = Float64Array.from({ length: train.n }, (_, i) =>
        Math.sqrt(Math.max(0, qSq + trainSq[i]! - 2 * dots[r * train.n + i]!)),
      );
      const order = Int32Array.from({ length: train.n }, (_, i) => i).sort(
        (a, b) => dist[a]! - dist[b]!,
      );
      for (let k = 0; k < count; k++) push(q0 + r, order[k]!, dist[order[k]!]!);
    }
  }
}

