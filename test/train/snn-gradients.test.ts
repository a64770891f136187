import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTf } from '../../src/train/backend.js';
import { gatherTimeMajor, identityOrder } from '../../src/train/batches.js';
import { makeMatMul } from '../../src/train/matmul.js';
import { snnBackward, snnForward } from '../../src/train/snn.js';
import { autogradReference, makeLayers, makeSet, relMaxError } from './helpers.js';

const CASES = [
  ['subtract', 'spikes'],
  ['zero', 'spikes'],
  ['subtract', 'membrane'],
] as const;

for (const [reset, loss] of CASES) {
  test(`hand-written BPTT equals tfjs autograd (reset ${reset}, loss on ${loss})`, async () => {
    const { tf } = await loadTf();
    const mm = makeMatMul(tf);
    const layers = makeLayers([6, 16, 12, 10], 3, 3);
    const set = makeSet(8, 4, 6, 11, 1.5);
    const b = gatherTimeMajor(set, identityOrder(set.n), 0, set.n);
    const net = { layers, reset, loss };

    const fwd = snnForward(net, b.x, set.steps, b.batch, mm);
    const mine = snnBackward(net, fwd, b.labels, mm);
    const ref = autogradReference(tf, layers, b.x, set.steps, b.batch, b.labels, reset, loss);

    // Spikes must occur in every layer, or the check would not exercise the reset paths.
    for (const tr of fwd.traces) assert.ok(tr.spk.includes(1), 'a layer never spiked');
    assert.ok(Math.abs(mine.loss - ref.loss) < 1e-5, `loss ${mine.loss} vs ${ref.loss}`);
    mine.grads.forEach((g, k) => {
      const err = relMaxError(g, ref.grads[k]!);
      assert.ok(err < 1e-4, `parameter ${k} (layer ${Math.floor(k / 4) + 1}): error ${err}`);
    });
  });
}
