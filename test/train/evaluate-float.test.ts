import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, saveModel } from '../../src/io/model-file.js';
import { extractChain } from '../../src/ir/chain.js';
import { loadTf } from '../../src/train/backend.js';
import { evaluateSnn } from '../../src/train/evaluate.js';
import { evaluateFloat } from '../../src/train/evaluate-float.js';
import { exportSnnModel } from '../../src/train/export.js';
import { makeMatMul } from '../../src/train/matmul.js';
import { makeLayers, makeSet } from './helpers.js';

const ENCODER = {
  system: 'mixed-oscillator',
  params: { delta: 2 },
  h: 0.01,
  tmax: 8,
  numSteps: 5,
  nFeatures: 7,
  sigmaLambda: -4,
};
const RECORD = {
  config: { lr: 1 },
  metrics: { accuracy: 0.5 },
  spikesPerLayer: [1, 2, 3],
  split: 'test',
};

for (const reset of ['subtract', 'zero'] as const) {
  test(`evaluateFloat on the exported model agrees with the tfjs pass (${reset})`, async () => {
    const { tf } = await loadTf();
    const net = { layers: makeLayers([21, 48, 32, 10], 5, 3), reset };
    const set = makeSet(80, 5, 21, 9, 1.5);
    const live = evaluateSnn(net, set, makeMatMul(tf));
    const model = exportSnnModel(net, ENCODER, RECORD);
    const float = evaluateFloat(model, set);

    // Same arithmetic up to float32 vs float64 sums: a spike may flip only where the
    // membrane sits within rounding of θ, so allow at most one flipped prediction.
    let differ = 0;
    for (let i = 0; i < set.n; i++) if (live.predictions[i] !== float.predictions[i]) differ++;
    assert.ok(differ <= 1, `${differ} predictions differ`);
    assert.ok(
      float.layers.every((l) => l.spikesPerInference > 0),
      'every layer must spike',
    );
    live.layers.forEach((l, k) => {
      const f = float.layers[k]!;
      const rel = Math.abs(l.spikesPerInference - f.spikesPerInference) / l.spikesPerInference;
      assert.ok(rel < 0.01, `layer ${k + 1}: ${l.spikesPerInference} vs ${f.spikesPerInference}`);
      assert.equal(f.neurons, l.neurons);
    });
    assert.equal(float.accuracy, live.accuracy);
  });
}

test('weights, β, θ, reset and records survive the .nirpb file', async () => {
  const net = { layers: makeLayers([21, 12, 10], 2, 2), reset: 'zero' as const };
  const model = exportSnnModel(net, ENCODER, RECORD, '2025-01-01T00:00:00Z');
  const dir = await mkdtemp(join(tmpdir(), 'dynalign-train-'));
  try {
    const file = join(dir, 'm.nirpb');
    await saveModel(file, model);
    const back = await loadModel(file);
    const chain = extractChain(back);
    assert.equal(chain.reset, 'zero');
    chain.layers.forEach((c, k) => {
      const l = net.layers[k]!;
      assert.deepEqual(Array.from(c.weight), Array.from(l.weight));
      assert.ok(Math.abs(c.beta[0]! - l.beta[0]!) < 1e-12, `β ${c.beta[0]} vs ${l.beta[0]}`);
      assert.ok(Math.abs(c.gain[0]! - 1) < 1e-12, `gain ${c.gain[0]}`);
      assert.equal(c.vThreshold[0], l.threshold[0]);
    });
    assert.deepEqual(back.encoder, ENCODER);
    assert.equal(back.training?.split, 'test');
    assert.equal(back.discretisation?.dt, 1e-4);
    assert.equal(back.provenance?.tool, 'dynalign');
    const set = makeSet(10, 5, 21, 3);
    assert.deepEqual(evaluateFloat(back, set).outputCounts, evaluateFloat(model, set).outputCounts);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a set with the wrong channel count is refused with E_DATASET_MISMATCH', () => {
  const model = exportSnnModel(
    { layers: makeLayers([21, 4, 10], 1), reset: 'subtract' },
    ENCODER,
    RECORD,
  );
  assert.throws(() => evaluateFloat(model, makeSet(2, 5, 6, 1)), { code: 'E_DATASET_MISMATCH' });
});
