import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLeakyModel } from '../../src/ir/build.js';
import { decodeModel, encodeModel } from '../../src/ir/proto.js';
import { extractChain } from '../../src/ir/chain.js';

function makeModel() {
  const layer = (nIn: number, nOut: number, beta: number) => ({
    nIn,
    nOut,
    beta,
    threshold: 1.25,
    weight: Float32Array.from({ length: nIn * nOut }, (_, i) => Math.sin(i) / 3),
    bias: Float32Array.from({ length: nOut }, (_, i) => i / 100),
  });
  return buildLeakyModel([layer(4, 3, 0.9), layer(3, 2, 0.8)], {
    dt: 1e-4,
    integrator: 'euler',
    reset: 'subtract',
    spikes: 'unit',
  });
}

test('a leaky model survives a protobuf round trip bit for bit', () => {
  const model = makeModel();
  model.encoder = {
    system: 'mixed-oscillator',
    params: { delta: 2 },
    h: 0.01,
    tmax: 8,
    numSteps: 5,
    nFeatures: 7,
    sigmaLambda: -4,
    reducer: { kind: 'umap', nComponents: 7, seed: 1 },
  };
  model.training = {
    config: { lr: 1e-3, reset: 'subtract', shuffle: true },
    metrics: { acc: 0.9 },
    spikesPerLayer: [1, 2],
    split: 's',
  };
  const back = decodeModel(encodeModel(model));
  assert.deepEqual(back, model);
});

test('the chain view recovers snnTorch beta and unit gain from the exported LIF', () => {
  const chain = extractChain(makeModel());
  assert.equal(chain.layers.length, 2);
  assert.ok(Math.abs(chain.layers[0]!.beta[0]! - 0.9) < 1e-12);
  assert.ok(Math.abs(chain.layers[0]!.gain[0]! - 1) < 1e-9);
  assert.equal(chain.reset, 'subtract');
});

test('bytes that are not a dynalign IR are rejected', () => {
  assert.throws(() => decodeModel(new Uint8Array([1, 2, 3, 4, 5])));
});
