import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveTrainConfig } from '../../src/train/config.js';
import { fitLearner, type Learner } from '../../src/train/fit.js';
import { makeSet } from './helpers.js';

// A learner whose validation accuracy follows a script, one value per epoch; its single
// parameter counts optimiser steps so the restored checkpoint can be identified.
function scripted(accuracies: number[]): Learner & { evaluations: number } {
  const param = new Float32Array(1);
  const learner = {
    evaluations: 0,
    params: [param],
    gradients: () => ({ loss: 1, grads: [Float32Array.of(-1)] }),
    evaluate() {
      const a = accuracies[Math.min(learner.evaluations, accuracies.length - 1)]!;
      learner.evaluations++;
      return { accuracy: a, loss: 1 - a };
    },
  };
  return learner;
}

const FIT = makeSet(40, 2, 3, 1);
const VAL = makeSet(10, 2, 3, 2);

test('early stopping halts after `patience` epochs without gain and restores the best', () => {
  const learner = scripted([0.5, 0.7, 0.6, 0.65, 0.69, 0.9]);
  const config = resolveTrainConfig({ epochs: 20, patience: 3, batch: 10, lr: 0.1 });
  const out = fitLearner(learner, FIT, VAL, config);
  assert.equal(out.stoppedBy, 'patience');
  assert.equal(out.epochs, 5);
  assert.equal(out.bestEpoch, 2);
  assert.equal(out.bestValAccuracy, 0.7);
  // The parameter holds its value after epoch 2 (8 Adam steps), not after epoch 5.
  const afterTwoEpochs = scripted([0.1, 0.2]);
  fitLearner(afterTwoEpochs, FIT, VAL, { ...config, epochs: 2 });
  assert.equal(learner.params[0]![0], afterTwoEpochs.params[0]![0]);
});

test('without a validation set every epoch runs and the last one is kept', () => {
  const learner = scripted([0.9, 0.1]);
  const config = resolveTrainConfig({ epochs: 3, patience: 1, batch: 10, valFraction: 0 });
  const out = fitLearner(learner, FIT, { ...VAL, n: 0 }, config);
  assert.equal(out.stoppedBy, 'epochs');
  assert.equal(out.epochs, 3);
  assert.equal(out.bestEpoch, 3);
  assert.equal(learner.evaluations, 0);
});

test('a time limit ends training early and says so', () => {
  const learner = scripted([0.5]);
  const config = resolveTrainConfig({ epochs: 1000, patience: 1000, batch: 1, timeLimit: 0.05 });
  const slow = {
    ...learner,
    gradients: () => {
      const t = performance.now();
      while (performance.now() - t < 5);
      return { loss: 1, grads: [Float32Array.of(1)] };
    },
  };
  const out = fitLearner(slow, FIT, VAL, config);
  assert.equal(out.stoppedBy, 'time-limit');
  assert.ok(out.epochs < 1000);
});
