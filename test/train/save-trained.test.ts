import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reducerFitOf } from '../../src/data/reducer-fit.js';
import { loadModel } from '../../src/io/model-file.js';
import { resolveTrainConfig } from '../../src/train/config.js';
import { runTraining } from '../../src/train/run.js';
import {
  checkModelPath,
  defaultModelPath,
  protobufKeepsEncoder,
  saveTrainedModel,
} from '../../src/train/save-trained.js';
import { makeSet } from './helpers.js';

const REDUCER = { kind: 'pca' as const, nComponents: 2, seed: 1 };
const encoderWith = (fit?: 'all') => ({
  system: 'mixed-oscillator',
  params: { delta: 2 },
  h: 0.01,
  tmax: 8,
  numSteps: 3,
  nFeatures: 2,
  sigmaLambda: -4,
  reducer: fit ? { ...REDUCER, fit } : REDUCER,
});
const DATA = { train: makeSet(80, 3, 6, 1), test: makeSet(20, 3, 6, 2), split: 'synthetic' };

async function trainTiny(fit?: 'all') {
  const config = resolveTrainConfig({ hidden: 8, epochs: 1 });
  return (await runTraining({ encoder: encoderWith(fit), config, data: DATA })).model!;
}

test('the training record states the reducer fit; older specs mean train', async () => {
  const all = await trainTiny('all');
  const plain = await trainTiny();
  assert.equal(all.training!.config.reducerFit, 'all');
  assert.equal(plain.training!.config.reducerFit, 'train');
  assert.equal(reducerFitOf(all.encoder!.reducer!), 'all');
  assert.equal('fit' in plain.encoder!.reducer!, false);
});

test('a model fitted on all images keeps its fit in every format it is saved in', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dynalign-save-'));
  try {
    const model = await trainTiny('all');
    for (const ext of ['json', 'nir']) {
      const file = join(dir, `m.${ext}`);
      await saveTrainedModel(file, model);
      assert.equal(reducerFitOf((await loadModel(file)).encoder!.reducer!), 'all', ext);
    }

    // .nirpb records the fit too (ReducerSpec.fit in schemas/nir.proto), so it stays the default.
    const pb = join(dir, 'm.nirpb');
    assert.ok(protobufKeepsEncoder(model.encoder));
    await saveTrainedModel(pb, model);
    assert.equal(reducerFitOf((await loadModel(pb)).encoder!.reducer!), 'all');
    assert.match(defaultModelPath(model.encoder, 'dissipative'), /\.nirpb$/);
    assert.doesNotThrow(() => checkModelPath(pb, model.encoder));
    assert.doesNotThrow(() => checkModelPath(pb, encoderWith()));
    assert.equal(defaultModelPath(encoderWith(), 'expansive'), 'dynalign-out/expansive.nirpb');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
