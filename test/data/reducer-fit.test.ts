import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UMAP } from 'umap-js';
import { loadMnistSplit } from '../../src/data/mnist.js';
import {
  loadEncodedMnist,
  makeEncoderSpec,
  reducedKey,
  reduceMnist,
  spacedSubset,
} from '../../src/data/pipeline.js';
import { reducerFitOf, withReducerFit } from '../../src/data/reducer-fit.js';
import { reduce } from '../../src/data/reduce.js';
import { mulberry32 } from '../../src/util/random.js';

const PCA = { kind: 'pca' as const, nComponents: 4, seed: 1 };
const LIMITS = { limitTrain: 150, limitTest: 40 };

test('a spec without a fit means train, and train stays implicit in the spec and the key', () => {
  const split = loadMnistSplit();
  const tr = spacedSubset(split.train, 20);
  const te = spacedSubset(split.test, 5);
  assert.equal(reducerFitOf(PCA), 'train');
  assert.deepEqual(withReducerFit(PCA, 'train'), PCA);
  assert.equal(reducedKey(withReducerFit(PCA, 'train'), tr, te), reducedKey(PCA, tr, te));
  assert.notEqual(reducedKey(withReducerFit(PCA, 'all'), tr, te), reducedKey(PCA, tr, te));
  assert.throws(() => reducerFitOf({ ...PCA, fit: 'both' } as never), {
    code: 'E_ENCODER_MISMATCH',
  });
});

test('fit all fits PCA on train and test images together; fit train on train only', async () => {
  const split = loadMnistSplit();
  const tr = spacedSubset(split.train, LIMITS.limitTrain);
  const te = spacedSubset(split.test, LIMITS.limitTest);
  const all = new Float32Array((tr.n + te.n) * 784);
  all.set(tr.images);
  all.set(te.images, tr.n * 784);
  const joint = reduce(PCA, all, tr.n + te.n, new Float32Array(), 0, 784);

  const viaAll = await reduceMnist(withReducerFit(PCA, 'all'), LIMITS);
  const viaTrain = await reduceMnist(PCA, LIMITS);
  assert.deepEqual(viaAll.test, joint.train.slice(tr.n * 4));
  assert.deepEqual(viaAll.train, joint.train.slice(0, tr.n * 4));
  assert.notDeepEqual(viaTrain.test, viaAll.test);
  assert.deepEqual(viaAll.testLabels, te.labels);
});

test('fit all is UMAP fit_transform(cat([train, test])) as in the reference code', async () => {
  const spec = withReducerFit({ kind: 'umap', nComponents: 3, seed: 2, nNeighbors: 8 }, 'all');
  const r = await reduceMnist(spec, { limitTrain: 200, limitTest: 50 });

  const split = loadMnistSplit();
  const rows = (s: { images: Float32Array; n: number }) =>
    Array.from({ length: s.n }, (_, i) => Array.from(s.images.subarray(i * 784, (i + 1) * 784)));
  const both = [...rows(spacedSubset(split.train, 200)), ...rows(spacedSubset(split.test, 50))];
  const umap = new UMAP({ nComponents: 3, nNeighbors: 8, random: mulberry32(2) });
  const direct = Float32Array.from(umap.fit(both).flat());
  assert.deepEqual(r.train, direct.slice(0, 600));
  assert.deepEqual(r.test, direct.slice(600));
});

test('each fit is cached under its own key and read back bit for bit', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dynalign-fit-'));
  try {
    const spec = withReducerFit(PCA, 'all');
    const first = await reduceMnist(spec, { cacheDir: dir, ...LIMITS });
    const again = await reduceMnist(spec, { cacheDir: dir, ...LIMITS });
    const trainOnly = await reduceMnist(PCA, { cacheDir: dir, ...LIMITS });
    assert.equal(first.cacheHit, false);
    assert.equal(again.cacheHit, true);
    assert.equal(trainOnly.cacheHit, false);
    assert.deepEqual(again.test, first.test);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the encoded split says how the reducer was fitted', async () => {
  const spec = (fit: 'train' | 'all') =>
    makeEncoderSpec('mixed-oscillator', { delta: 2 }, withReducerFit(PCA, fit));
  const all = await loadEncodedMnist(spec('all'), { limitTrain: 30, limitTest: 10 });
  const train = await loadEncodedMnist(spec('train'), { limitTrain: 30, limitTest: 10 });
  assert.match(all.split, /subset of 30 train \/ 10 test; reducer fitted on train and test/);
  assert.match(train.split, /reducer fitted on the training images, test images placed out/);
  assert.equal(reducerFitOf(spec('all').reducer!), 'all');
});
