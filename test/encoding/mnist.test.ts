import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeMnist } from '../../src/encoding/dataset.js';
import { decodeDatasetBytes, encodeDatasetBytes } from '../../src/encoding/dataset-file.js';
import { SYSTEMS } from '../../src/encoding/registry.js';

test('MNIST is reduced on the fixed split, encoded with labels, and survives a file', async () => {
  const sys = SYSTEMS['mixed-oscillator']!;
  const spec = {
    system: sys.name,
    params: { ...sys.defaults, delta: -0.3 },
    h: 0.01,
    tmax: 8,
    numSteps: 5,
    nFeatures: 3,
    sigmaLambda: 0.6,
    reducer: { kind: 'pca' as const, nComponents: 3, seed: 1 },
  };
  const enc = await encodeMnist(sys, spec, { limitTrain: 120, limitTest: 30 });
  assert.deepEqual([enc.train.n, enc.test.n, enc.train.steps, enc.train.channels], [120, 30, 5, 9]);
  assert.equal(enc.train.labels?.length, 120);
  assert.ok(new Set(enc.train.labels).size === 10, 'the spaced subset keeps every class');

  // Each sample's first step is its max-abs-normalised features as (f, 0.2f, −f).
  for (let i = 0; i < enc.train.n; i++) {
    const row = enc.train.data.subarray(i * 45, i * 45 + 9);
    const xs = [row[0]!, row[3]!, row[6]!];
    assert.ok(Math.abs(Math.max(...xs.map(Math.abs)) - 1) < 1e-7, `sample ${i}: ${xs}`);
    xs.forEach((x, f) => assert.equal(row[3 * f + 2], -x));
  }
  const back = decodeDatasetBytes(
    encodeDatasetBytes({ train: enc.train, test: enc.test }, spec, enc.source),
  );
  assert.deepEqual(back.sets['test'], enc.test);
  assert.equal(back.header.source['reducedFeaturesSha256'], enc.source['reducedFeaturesSha256']);
});
