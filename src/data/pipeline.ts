// MNIST → reducer (fitted on the training split, or on both splits: encoder.reducer.fit) →
// Dynamical Alignment encoder, with the reduced features cached on disk so that repeated runs
// never refit UMAP.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EncoderSpec, ReducerSpec } from '../ir/model.js';
import { encodeFeatures, type EncodedSet } from '../encoding/encoder.js';
import { findSystem, requireSystem, resolveParams } from '../encoding/registry.js';
import { DynalignError } from '../util/errors.js';
import { IMAGE_PIXELS, loadMnistSplit, SPLIT_DESCRIPTION, type ImageSet } from './mnist.js';
import { reduce } from './reduce.js';
import { reducerFitOf, type ReducerFit } from './reducer-fit.js';
import { reduceUmap } from './umap.js';
import { writeFileAtomic } from '../util/atomic.js';
import { TOOL_VERSION } from '../util/version.js';

/** Reduced features of the fixed split, row-major [n][k], with their labels. */
export interface ReducedSplit {
  train: Float32Array;
  test: Float32Array;
  trainLabels: Uint8Array;
  testLabels: Uint8Array;
  nTrain: number;
  nTest: number;
  k: number;
  /** Cache key (sha256 of reducer spec + data); also names the cache file. */
  key: string;
  cacheHit: boolean;
}

export interface PipelineOptions {
  /** Folder of the reduced-feature cache; undefined turns caching off. */
  cacheDir?: string;
  /** Evenly spaced stratified subsets, for quick runs and tests. */
  limitTrain?: number;
  limitTest?: number;
  /** Progress lines for the CLI (the library itself never logs). */
  onProgress?: (line: string) => void;
}

export interface EncodedSplit {
  train: EncodedSet;
  test: EncodedSet;
  reduced: ReducedSplit;
  /** Human-readable description of the split, stored with trained models. */
  split: string;
}

/** Default cache folder: `$DYNALIGN_CACHE_DIR`, else `.cache/dynalign` under the working dir. */
export function defaultCacheDir(): string {
  return process.env.DYNALIGN_CACHE_DIR ?? `${process.cwd()}/.cache/dynalign`;
}

/** Keep every (n/limit)-th sample: classes stay balanced because the split is class-ordered. */
export function spacedSubset(set: ImageSet, limit?: number): ImageSet {
  if (limit === undefined || limit >= set.n) return set;
  const images = new Float32Array(limit * IMAGE_PIXELS);
  const labels = new Uint8Array(limit);
  for (let i = 0; i < limit; i++) {
    const src = Math.floor((i * set.n) / limit);
    images.set(set.images.subarray(src * IMAGE_PIXELS, (src + 1) * IMAGE_PIXELS), i * IMAGE_PIXELS);
    labels[i] = set.labels[src]!;
  }
  return { images, labels, n: limit };
}

/** Cache key: the reducer spec, its fit, and a digest of the exact images and labels. */
export function reducedKey(spec: ReducerSpec, train: ImageSet, test: ImageSet): string {
  const h = createHash('sha256');
  const fit = reducerFitOf(spec);
  h.update(
    JSON.stringify({
      format: 2,
      transform: 'exact-knn',
      kind: spec.kind,
      nComponents: spec.nComponents,
      seed: spec.seed,
      nNeighbors: spec.kind === 'umap' ? (spec.nNeighbors ?? 15) : null,
      // Absent for 'train', so the keys of caches written before the option stay valid.
      ...(fit === 'train' ? {} : { fit }),
    }),
  );
  for (const s of [train, test]) {
    h.update(new Uint8Array(s.images.buffer, s.images.byteOffset, s.images.byteLength));
    h.update(s.labels);
  }
  return h.digest('hex');
}

/** Reduce the fixed MNIST split, reading the cache when it holds this exact reduction. */
export async function reduceMnist(
  spec: ReducerSpec,
  opts: PipelineOptions = {},
): Promise<ReducedSplit> {
  const split = loadMnistSplit();

  // A test subset reuses the full split's cache entry: the fit is the same (with fit 'all' the
  // model's embedding was fitted with every test image), and the rows are picked afterwards
  // exactly as spacedSubset picks images.
  const onlyTestLimited = opts.limitTest !== undefined && opts.limitTrain === undefined;
  if (onlyTestLimited && opts.limitTest! < split.test.n) {
    const full = await reduceMnist(spec, { ...opts, limitTest: undefined });
    return pickTestRows(full, opts.limitTest!);
  }
  const train = spacedSubset(split.train, opts.limitTrain);
  const test = spacedSubset(split.test, opts.limitTest);
  const key = reducedKey(spec, train, test);
  const base = {
    trainLabels: train.labels,
    testLabels: test.labels,
    nTrain: train.n,
    nTest: test.n,
  };

  // A cache hit skips the fit entirely.
  if (opts.cacheDir !== undefined) {
    const hit = await readReducedCache(opts.cacheDir, key, train.n, test.n, spec.nComponents);
    if (hit) {
      opts.onProgress?.(`reduce: cache hit ${key.slice(0, 12)} (${spec.kind})`);
      return { ...base, ...hit, k: spec.nComponents, key, cacheHit: true };
    }
  }

  // Fit on the training split (test placed out of sample) or on both splits together.
  const fit = reducerFitOf(spec);
  const nFit = fit === 'all' ? train.n + test.n : train.n;
  opts.onProgress?.(`reduce: fitting ${spec.kind} on ${nFit} images (fit: ${fit})`);
  const t0 = performance.now();
  const r =
    spec.kind === 'umap'
      ? await reduceUmap(spec, train, test, fit)
      : reducePcaSplit(spec, train, test, fit);
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  opts.onProgress?.(`reduce: ${spec.kind} done in ${seconds} s`);
  if (opts.cacheDir !== undefined) {
    await writeReducedCache(opts.cacheDir, key, spec, r.train, r.test, train.n, test.n);
  }
  return { ...base, train: r.train, test: r.test, k: r.k, key, cacheHit: false };
}

/** PCA fitted on the training images, or on both splits and then split again. */
function reducePcaSplit(spec: ReducerSpec, train: ImageSet, test: ImageSet, fit: ReducerFit) {
  if (fit === 'train') {
    return reduce(spec, train.images, train.n, test.images, test.n, IMAGE_PIXELS);
  }
  const all = new Float32Array((train.n + test.n) * IMAGE_PIXELS);
  all.set(train.images.subarray(0, train.n * IMAGE_PIXELS));
  all.set(test.images.subarray(0, test.n * IMAGE_PIXELS), train.n * IMAGE_PIXELS);
  const r = reduce(spec, all, train.n + test.n, new Float32Array(), 0, IMAGE_PIXELS);
  const cut = train.n * r.k;
  return { train: r.train.slice(0, cut), test: r.train.slice(cut), k: r.k };
}

/** Keep `limit` evenly spaced test rows of a reduction (the rows spacedSubset would keep). */
function pickTestRows(full: ReducedSplit, limit: number): ReducedSplit {
  const k = full.k;
  const test = new Float32Array(limit * k);
  const testLabels = new Uint8Array(limit);
  for (let i = 0; i < limit; i++) {
    const src = Math.floor((i * full.nTest) / limit);
    test.set(full.test.subarray(src * k, (src + 1) * k), i * k);
    testLabels[i] = full.testLabels[src]!;
  }
  return { ...full, test, testLabels, nTest: limit };
}

/** The encoder spec of a system with parameter overrides, Σλ filled in when it is constant. */
export function makeEncoderSpec(
  system: string,
  params: Record<string, number>,
  reducer: ReducerSpec,
  steps: { h?: number; tmax?: number; numSteps?: number } = {},
): EncoderSpec {
  const sys = requireSystem(system);
  const p = resolveParams(sys, params);
  const sigmaLambda = sys.sigmaLambda?.(p) ?? Number.NaN;
  return {
    system,
    params: p,
    // Paper encoder (paper.md §3): RK4 step 0.01, tmax 8 for the mixed oscillator, 5 steps.
    h: steps.h ?? 0.01,
    tmax: steps.tmax ?? 8,
    numSteps: steps.numSteps ?? 5,
    nFeatures: reducer.nComponents,
    sigmaLambda,
    reducer,
  };
}

/** Encode already reduced features with an encoder spec. */
export function encodeReduced(
  reduced: ReducedSplit,
  spec: EncoderSpec,
): { train: EncodedSet; test: EncodedSet } {
  const sys = findSystem(spec.system);
  if (!sys) throw new TypeError(`unknown system '${spec.system}'`);
  if (spec.nFeatures !== reduced.k) {
    throw new DynalignError('E_ENCODER_MISMATCH', 'encoder expects a different feature count', {
      field: 'encoder.nFeatures',
      value: spec.nFeatures,
      fix: `the reducer produced ${reduced.k} features; set nComponents to match`,
    });
  }
  const train = encodeFeatures(sys, spec, reduced.train, reduced.nTrain);
  const test = encodeFeatures(sys, spec, reduced.test, reduced.nTest);
  return {
    train: { ...train, labels: reduced.trainLabels },
    test: { ...test, labels: reduced.testLabels },
  };
}

/** The whole pipeline for one encoder spec (its `reducer` must be set). */
export async function loadEncodedMnist(
  spec: EncoderSpec,
  opts: PipelineOptions = {},
): Promise<EncodedSplit> {
  if (!spec.reducer) {
    throw new DynalignError('E_ENCODER_MISMATCH', 'encoder spec names no reducer', {
      field: 'encoder.reducer',
      fix: 'give the reducer (umap or pca, nComponents, seed) the encoder was trained with',
    });
  }
  const reduced = await reduceMnist(spec.reducer, opts);
  const t0 = performance.now();
  const enc = encodeReduced(reduced, spec);
  opts.onProgress?.(`encode: ${spec.system} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const subset =
    opts.limitTrain !== undefined || opts.limitTest !== undefined
      ? `; evenly spaced subset of ${reduced.nTrain} train / ${reduced.nTest} test`
      : '';
  const fitted =
    reducerFitOf(spec.reducer) === 'all'
      ? '; reducer fitted on train and test images together (no labels)'
      : '; reducer fitted on the training images, test images placed out of sample';
  return { ...enc, reduced, split: SPLIT_DESCRIPTION + subset + fitted };
}

// Cache file: magic, u32 header length, JSON header, then train and test features as float32.
const CACHE_MAGIC = 'DYNRED01';

interface CacheHeader {
  key: string;
  reducer: ReducerSpec;
  nTrain: number;
  nTest: number;
  k: number;
  toolVersion: string;
  note: string;
}

function cachePath(dir: string, key: string): string {
  return join(dir, `reduced-${key.slice(0, 32)}.bin`);
}

/** Read cached features; undefined when absent, for another key, or damaged. */
async function readReducedCache(
  dir: string,
  key: string,
  nTrain: number,
  nTest: number,
  k: number,
): Promise<{ train: Float32Array; test: Float32Array } | undefined> {
  let buf: Buffer;
  try {
    buf = await readFile(cachePath(dir, key));
  } catch {
    return undefined;
  }
  if (buf.length < 12 || buf.toString('latin1', 0, 8) !== CACHE_MAGIC) return undefined;
  const hLen = buf.readUInt32LE(8);
  let header: CacheHeader;
  try {
    header = JSON.parse(buf.toString('utf8', 12, 12 + hLen)) as CacheHeader;
  } catch {
    return undefined;
  }
  const start = 12 + hLen + ((4 - ((12 + hLen) % 4)) % 4);
  const nFloats = (nTrain + nTest) * k;
  const ok = header.key === key && header.nTrain === nTrain && header.nTest === nTest;
  if (!ok || header.k !== k || buf.length !== start + 4 * nFloats) return undefined;
  const bytes = buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + buf.length);
  const all = new Float32Array(bytes);
  return { train: all.slice(0, nTrain * k), test: all.slice(nTrain * k) };
}

/** Write features atomically, so an interrupted run never leaves a half cache file. */
async function writeReducedCache(
  dir: string,
  key: string,
  reducer: ReducerSpec,
  train: Float32Array,
  test: Float32Array,
  nTrain: number,
  nTest: number,
): Promise<void> {
  const k = reducer.nComponents;
  const header: CacheHeader = {
    key,
    reducer,
    nTrain,
    nTest,
    k,
    toolVersion: TOOL_VERSION,
    note: 'dynalign reduced-feature cache; generated, do not edit; delete to refit',
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const pad = (4 - ((12 + json.length) % 4)) % 4;
  const head = Buffer.alloc(12 + json.length + pad);
  head.write(CACHE_MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, 8);
  json.copy(head, 12);
  const body = Buffer.alloc(4 * (train.length + test.length));
  Buffer.from(train.buffer, train.byteOffset, train.byteLength).copy(body, 0);
  Buffer.from(test.buffer, test.byteOffset, test.byteLength).copy(body, 4 * train.length);
  await writeFileAtomic(cachePath(dir, key), Buffer.concat([head, body]));
}
