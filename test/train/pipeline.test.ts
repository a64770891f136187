import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMnistSplit } from '../../src/data/mnist.js';
import {
  loadEncodedMnist,
  makeEncoderSpec,
  reduceMnist,
  spacedSubset,
} from '../../src/data/pipeline.js';
import { UMAP } from 'umap-js';
import { mulberry32 } from '../../src/util/random.js';

const PCA = { kind: 'pca' as const, nComponents: 7, seed: 1 };

function nearestNeighbourAccuracy(r: {
  train: Float32Array;
  test: Float32Array;
  trainLabels: Uint8Array;
  testLabels: Uint8Array;
  k: number;
}): number {
  const { k } = r;
  const nTrain = r.trainLabels.length;
  let ok = 0;
  for (let i = 0; i < r.testLabels.length; i++) {
    let best = Infinity;
    let label = -1;
    for (let t = 0; t < nTrain; t++) {
      let d = 0;
      for (let j = 0; j < k; j++) d += (r.test[i * k + j]! - r.train[t * k + j]!) ** 2;
      if (d < best) [best, label] = [d, r.trainLabels[t]!];
    }
    if (label === r.testLabels[i]) ok++;
  }
  return ok / r.testLabels.length;
}

test('evenly spaced subsets of the class-ordered split keep every class', () => {
  const sub = spacedSubset(loadMnistSplit().train, 50);
  assert.equal(sub.n, 50);
  assert.deepEqual(new Set(sub.labels), new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
});

test('reduced features are cached, reused bit for bit, refitted when damaged', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dynalign-cache-'));
  try {
    const opts = { cacheDir: dir, limitTrain: 120, limitTest: 30 };
    const first = await reduceMnist(PCA, opts);
    const second = await reduceMnist(PCA, opts);
    assert.equal(first.cacheHit, false);
    assert.equal(second.cacheHit, true);
    assert.deepEqual(second.train, first.train);
    assert.deepEqual(second.test, first.test);

    // Another seed is another key; a truncated file is ignored and rewritten.
    const other = await reduceMnist({ ...PCA, seed: 2 }, opts);
    assert.notEqual(other.key, first.key);
    const files = (await readdir(dir)).filter((f) => f.includes(first.key.slice(0, 32)));
    assert.equal(files.length, 1);
    await truncate(join(dir, files[0]!), 100);
    const third = await reduceMnist(PCA, opts);
    assert.equal(third.cacheHit, false);
    assert.deepEqual(third.test, first.test);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('UMAP test points land next to their own class (exact-neighbour transform)', async () => {
  const spec = { kind: 'umap' as const, nComponents: 3, seed: 1, nNeighbors: 10 };
  const r = await reduceMnist(spec, { limitTrain: 400, limitTest: 80 });
  const mine = nearestNeighbourAccuracy(r);

  // umap-js's own transform, whose neighbour search is broken in 1.4.0, as the contrast.
  const split = loadMnistSplit();
  const tr = spacedSubset(split.train, 400);
  const te = spacedSubset(split.test, 80);
  const rows = (s: { images: Float32Array; n: number }) =>
    Array.from({ length: s.n }, (_, i) => Array.from(s.images.subarray(i * 784, (i + 1) * 784)));
  const umap = new UMAP({ nComponents: 3, nNeighbors: 10, random: mulberry32(1) });
  const rawTrain = Float32Array.from(umap.fit(rows(tr)).flat());
  const rawTest = Float32Array.from(umap.transform(rows(te)).flat());
  const theirs = nearestNeighbourAccuracy({
    train: rawTrain,
    test: rawTest,
    k: 3,
    trainLabels: tr.labels,
    testLabels: te.labels,
  });
  assert.ok(mine >= 0.6, `1-NN accuracy of transformed test points ${mine}`);
  assert.ok(mine > theirs + 0.15, `exact ${mine} vs umap-js search ${theirs}`);
});

test('the encoded split has [n][5][21] frames, labels, and Σλ = −2δ', async () => {
  const spec = makeEncoderSpec('mixed-oscillator', { delta: 0.3 }, PCA);
  assert.equal(spec.sigmaLambda, -0.6);
  const enc = await loadEncodedMnist(spec, { limitTrain: 60, limitTest: 20 });
  assert.equal(enc.train.n, 60);
  assert.equal(enc.test.steps, 5);
  assert.equal(enc.test.channels, 21);
  assert.equal(enc.train.data.length, 60 * 5 * 21);
  assert.equal(enc.test.labels?.length, 20);
  assert.match(enc.split, /evenly spaced subset of 60 train \/ 20 test/);
});

test('an unknown system is a usage error naming the option', () => {
  assert.throws(() => makeEncoderSpec('lorenzz', {}, PCA), { code: 'E_UNKNOWN_SYSTEM' });
});
