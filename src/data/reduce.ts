// PCA reduction of 784 pixels to a few features, fitted on training data only.
import type { ReducerSpec } from '../ir/model.js';
import { mulberry32 } from '../util/random.js';

export interface Reduced {
  /** Row-major [n][k] features of the training and test sets. */
  train: Float32Array;
  test: Float32Array;
  k: number;
}

/**
 * Fit PCA on `train` and apply it to both sets. UMAP goes through `reduceMnist` in
 * pipeline.ts, which feeds umap-js exact neighbours: umap-js 1.4.0's own transform search is
 * broken (test points land almost at random), so it is not offered here.
 */
export function reduce(
  spec: ReducerSpec,
  train: Float32Array,
  nTrain: number,
  test: Float32Array,
  nTest: number,
  dim: number,
): Reduced {
  if (spec.kind !== 'pca') {
    throw new TypeError(`reduce() fits PCA only; fit ${spec.kind} with reduceMnist (pipeline.ts)`);
  }
  return reducePca(spec, train, nTrain, test, nTest, dim);
}

/** PCA by power iteration with deflation on the training covariance; fast for 784 dimensions. */
function reducePca(
  spec: ReducerSpec,
  train: Float32Array,
  nTrain: number,
  test: Float32Array,
  nTest: number,
  dim: number,
): Reduced {
  const mean = new Float64Array(dim);
  for (let i = 0; i < nTrain; i++) for (let j = 0; j < dim; j++) mean[j]! += train[i * dim + j]!;
  for (let j = 0; j < dim; j++) mean[j]! /= nTrain;

  // Covariance (dim × dim) of the centred training data.
  const cov = new Float64Array(dim * dim);
  const row = new Float64Array(dim);
  for (let i = 0; i < nTrain; i++) {
    for (let j = 0; j < dim; j++) row[j] = train[i * dim + j]! - mean[j]!;
    for (let a = 0; a < dim; a++) {
      const ra = row[a]!;
      if (ra === 0) continue;
      const off = a * dim;
      for (let b = 0; b < dim; b++) cov[off + b]! += ra * row[b]!;
    }
  }

  // Leading eigenvectors by power iteration, deflating after each.
  const rand = mulberry32(spec.seed);
  const comps: Float64Array[] = [];
  for (let c = 0; c < spec.nComponents; c++) {
    let v = Float64Array.from({ length: dim }, () => rand() - 0.5);
    let lambda = 0;
    for (let it = 0; it < 300; it++) {
      const w = new Float64Array(dim);
      for (let a = 0; a < dim; a++) {
        let s = 0;
        const off = a * dim;
        for (let b = 0; b < dim; b++) s += cov[off + b]! * v[b]!;
        w[a] = s;
      }
      const norm = Math.hypot(...w);
      if (norm === 0) break;
      for (let a = 0; a < dim; a++) w[a]! /= norm;
      const delta = Math.abs(norm - lambda);
      v = w;
      lambda = norm;
      if (delta < 1e-9 * norm) break;
    }
    for (let a = 0; a < dim; a++) {
      for (let b = 0; b < dim; b++) cov[a * dim + b]! -= lambda * v[a]! * v[b]!;
    }
    comps.push(v);
  }

  const project = (data: Float32Array, n: number): Float32Array => {
    const out = new Float32Array(n * comps.length);
    for (let i = 0; i < n; i++) {
      comps.forEach((v, c) => {
        let s = 0;
        for (let j = 0; j < dim; j++) s += (data[i * dim + j]! - mean[j]!) * v[j]!;
        out[i * comps.length + c] = s;
      });
    }
    return out;
  };
  return { train: project(train, nTrain), test: project(test, nTest), k: comps.length };
}
