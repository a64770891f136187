import { test } from 'node:test';
import assert from 'node:assert/strict';
import { atanSurrogate, lifForward } from '../../src/train/lif.js';

// One neuron, T = 4, B = 1: currents chosen so that mem crosses θ = 1 exactly once and lands
// exactly on θ once (no spike: the comparison is strict, as in snnTorch).
const CUR = Float32Array.from([1.5, 0.25, 0.5, 1]);
const NO_BIAS = new Float32Array(1);

test('subtract reset removes θ one step after the spike (snnTorch Leaky)', () => {
  const { mem, spk } = lifForward(CUR, NO_BIAS, 4, 1, 1, 0.5, 1, 'subtract');
  // mem: 1.5 → 0.5·1.5 + 0.25 − 1 = 0 → 0.5 → 0.25 + 1 = 1.25
  assert.deepEqual(Array.from(mem), [1.5, 0, 0.5, 1.25]);
  assert.deepEqual(Array.from(spk), [1, 0, 0, 1]);
});

test('zero reset clears the membrane one step after the spike', () => {
  const { mem, spk } = lifForward(CUR, NO_BIAS, 4, 1, 1, 0.5, 1, 'zero');
  // mem: 1.5 → 0·… + 0.25 → 0.125 + 0.5 = 0.625 → 0.3125 + 1 = 1.3125
  assert.deepEqual(Array.from(mem), [1.5, 0.25, 0.625, 1.3125]);
  assert.deepEqual(Array.from(spk), [1, 0, 0, 1]);
});

test('a membrane exactly at threshold does not spike', () => {
  const { spk } = lifForward(Float32Array.from([1, 0]), NO_BIAS, 2, 1, 1, 0.9, 1, 'subtract');
  assert.deepEqual(Array.from(spk), [0, 0]);
});

test('the bias is added to every step, per neuron, in time-major rows', () => {
  // T = 2, B = 2, N = 2: rows are (t0,b0), (t0,b1), (t1,b0), (t1,b1).
  const cur = new Float32Array(8);
  const { mem } = lifForward(cur, Float32Array.from([0.25, 0.5]), 2, 2, 2, 0.5, 1, 'subtract');
  assert.deepEqual(Array.from(mem), [0.25, 0.5, 0.25, 0.5, 0.375, 0.75, 0.375, 0.75]);
});

test('the arctan surrogate is (α/2)/(1+(π/2·α·u)²) with α = 2', () => {
  assert.equal(atanSurrogate(0), 1);
  assert.ok(Math.abs(atanSurrogate(1 / Math.PI) - 0.5) < 1e-15);
});
