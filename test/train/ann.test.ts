import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '@tensorflow/tfjs';
import { annInputWidth, createAnnLearner, gatherAnnInput } from '../../src/train/ann.js';
import { loadTf } from '../../src/train/backend.js';
import { identityOrder } from '../../src/train/batches.js';
import { initLayers } from '../../src/train/init.js';
import { makeMatMul } from '../../src/train/matmul.js';
import { makeSet, relMaxError } from './helpers.js';

for (const input of ['last', 'trajectory'] as const) {
  test(`ANN baseline gradients equal tfjs autograd of a ReLU MLP (input: ${input})`, async () => {
    const { tf } = await loadTf();
    const set = makeSet(12, 3, 6, 4);
    const width = annInputWidth(set, input);
    const layers = initLayers([width, 16, 16, 10], 8);
    const learner = createAnnLearner(layers, input, makeMatMul(tf));
    const order = identityOrder(set.n);
    const mine = learner.gradients(set, order, 0, set.n);

    const b = gatherAnnInput(set, input, order, 0, set.n);
    const x = tf.tensor2d(b.x, [set.n, width]);
    const y = tf.oneHot(tf.tensor1d(Array.from(b.labels), 'int32'), 10);
    const params = layers.flatMap((l) => [
      tf.tensor2d(l.weight, [l.nOut, l.nIn]),
      tf.tensor1d(l.bias),
    ]);
    const lossOf = (...p: Tensor[]): Tensor => {
      let h: Tensor = x;
      for (let k = 0; k < layers.length; k++) {
        h = tf.add(tf.matMul(h, p[2 * k]!, false, true), p[2 * k + 1]!);
        if (k + 1 < layers.length) h = tf.relu(h);
      }
      return tf.losses.softmaxCrossEntropy(y, h);
    };
    const ref = tf.valueAndGrads(lossOf)(params);
    assert.ok(Math.abs(mine.loss - ref.value.dataSync()[0]!) < 1e-5);
    ref.grads.forEach((g, k) => {
      const err = relMaxError(mine.grads[k]!, g.dataSync());
      assert.ok(err < 1e-4, `parameter ${k}: error ${err}`);
    });
  });
}

test('the ANN sees the last step, or every step in order, of each sample', () => {
  const set = makeSet(2, 3, 2, 1);
  const last = gatherAnnInput(set, 'last', [1, 0], 0, 2);
  assert.deepEqual(Array.from(last.x), [...set.data.subarray(10, 12), ...set.data.subarray(4, 6)]);
  const all = gatherAnnInput(set, 'trajectory', [1], 0, 1);
  assert.deepEqual(Array.from(all.x), Array.from(set.data.subarray(6, 12)));
});
