import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAdam } from '../../src/train/adam.js';

test('Adam follows torch.optim.Adam: bias-corrected moments, eps outside the root', () => {
  const p = Float32Array.of(1, -2);
  const adam = createAdam([p], { lr: 0.1 });
  const grads = [Float32Array.of(0.5, -3), Float32Array.of(-1, 2)];
  const ref = [1, -2];
  const m = [0, 0];
  const v = [0, 0];
  grads.forEach((g, k) => {
    adam.step([g]);
    const t = k + 1;
    for (let i = 0; i < 2; i++) {
      m[i] = 0.9 * m[i]! + 0.1 * g[i]!;
      v[i] = 0.999 * v[i]! + 0.001 * g[i]! ** 2;
      const mHat = m[i]! / (1 - 0.9 ** t);
      const vHat = v[i]! / (1 - 0.999 ** t);
      ref[i]! -= (0.1 * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
    for (let i = 0; i < 2; i++)
      assert.ok(Math.abs(p[i]! - ref[i]!) < 1e-6, `step ${t}: ${p[i]} vs ${ref[i]}`);
  });
  assert.equal(adam.steps, 2);
});
