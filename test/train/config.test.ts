// The loss a run trains with when none is asked for: membrane under subtraction, spikes under
// reset to zero (where the membrane loss teaches the output layer to stay silent).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveTrainConfig } from '../../src/train/config.js';

test('reset to zero trains on output spikes unless a loss is asked for', () => {
  assert.equal(resolveTrainConfig({ reset: 'zero' }).loss, 'spikes');
  assert.equal(resolveTrainConfig({ reset: 'subtract' }).loss, 'membrane');
  assert.equal(resolveTrainConfig({}).loss, 'membrane');
  assert.equal(resolveTrainConfig({ reset: 'zero', loss: 'membrane' }).loss, 'membrane');
  assert.equal(resolveTrainConfig({ reset: 'subtract', loss: 'spikes' }).loss, 'spikes');
});

test('an override left undefined (an absent CLI flag) keeps the default', () => {
  const c = resolveTrainConfig({ lr: undefined, loss: undefined, hidden: undefined });
  assert.equal(c.lr, 1e-3);
  assert.equal(c.hidden, 500);
  assert.equal(c.loss, 'membrane');
});
