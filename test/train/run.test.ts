import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EncodedSet } from '../../src/encoding/encoder.js';
import { resolveTrainConfig } from '../../src/train/config.js';
import { runTraining } from '../../src/train/run.js';
import { mulberry32 } from '../../src/util/random.js';

const ENCODER = {
  system: 'mixed-oscillator',
  params: { delta: -1.5 },
  h: 0.01,
  tmax: 8,
  numSteps: 3,
  nFeatures: 2,
  sigmaLambda: 3,
};

// A learnable task: the class is the argmax of 10 fixed projections of the first frame.
function projectedSet(n: number, seed: number): EncodedSet {
  const rand = mulberry32(seed);
  const proj = mulberry32(99);
  const w = Float32Array.from({ length: 60 }, () => 2 * proj() - 1);
  const data = Float32Array.from({ length: n * 3 * 6 }, () => 2 * rand() - 1);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestV = -Infinity;
    for (let c = 0; c < 10; c++) {
      let v = 0;
      for (let j = 0; j < 6; j++) v += w[c * 6 + j]! * data[i * 18 + j]!;
      if (v > bestV) [best, bestV] = [c, v];
    }
    labels[i] = best;
  }
  return { n, steps: 3, channels: 6, data, labels };
}

const DATA = { train: projectedSet(600, 1), test: projectedSet(200, 2), split: 'synthetic' };

test('training learns a separable task and records the run in the model', async () => {
  const config = resolveTrainConfig({ hidden: 64, epochs: 6, patience: 6, lr: 3e-3, seed: 4 });
  const run = await runTraining({ encoder: ENCODER, config, data: DATA });
  assert.ok(run.summary.accuracy > 0.5, `test accuracy ${run.summary.accuracy}`);
  assert.equal(run.summary.mode, 'expansive');
  assert.equal(run.summary.spikesPerLayer.length, 4);
  const t = run.model!.training!;
  assert.equal(t.metrics.testAccuracy, run.summary.accuracy);
  assert.equal(t.config.loss, 'membrane');
  assert.ok(t.metrics['lif2.silentFraction']! >= 0);
  assert.match(
    t.split,
    /^synthetic; validation: per class the last 0\.1 .*\(\d+ fit \/ \d+ validation \/ 200 test\)$/,
  );
  assert.deepEqual(run.model!.encoder, ENCODER);
});

test('the same seed gives the same network bit for bit; another seed does not', async () => {
  const config = resolveTrainConfig({ hidden: 16, epochs: 2, seed: 7 });
  const weights = async (seed: number) => {
    const run = await runTraining({ encoder: ENCODER, config: { ...config, seed }, data: DATA });
    const w = run.model!.graph.nodes.fc2!.params.weight;
    return typeof w === 'string' ? [] : Array.from(w.data as Float32Array);
  };
  const a = await weights(7);
  assert.deepEqual(await weights(7), a);
  assert.notDeepEqual(await weights(8), a);
});

test('the ANN baseline trains on the whole trajectory and reports no spikes', async () => {
  const config = resolveTrainConfig({ arch: 'ann', annInput: 'trajectory', hidden: 64, lr: 3e-3 });
  const run = await runTraining({ encoder: ENCODER, config, data: DATA });
  assert.equal(run.model, undefined);
  assert.equal(run.summary.spikesPerInference, null);
  assert.ok(run.summary.accuracy > 0.6, `ANN test accuracy ${run.summary.accuracy}`);
});
