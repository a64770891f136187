import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emulateModel } from '../../src/emulator/emulate.js';
import { FLOAT_PROFILE } from '../../src/quantize/profiles/float.js';
import { evaluateFloat } from '../../src/train/evaluate-float.js';
import type { IrModel } from '../../src/ir/model.js';
import type { EncodedSet } from '../../src/encoding/encoder.js';
import { referenceRun } from './reference.js';
import {
  EULER_SUBTRACT,
  EULER_ZERO,
  makeConvModel,
  makeInputs,
  makeLeakyModel,
  makeRecurrentModel,
  makeSpikeInputs,
} from './helpers.js';

/** Largest |emulator − reference| over every layer's membrane and spikes, all steps and inputs. */
async function maxDifference(
  model: IrModel,
  x: EncodedSet,
): Promise<{ dv: number; spikes: number }> {
  const names = (await emulateModel(model, x, FLOAT_PROFILE, { limit: 1 })).plan.layers.map(
    (l) => l.name,
  );
  const run = await emulateModel(model, x, FLOAT_PROFILE, {
    traceNames: names,
    traceSamples: x.n,
    recordSpikes: true,
  });
  let dv = 0;
  let spikes = 0;
  for (let i = 0; i < x.n; i++) {
    const ref = referenceRun(model, FLOAT_PROFILE, x, i);
    run.chunk.traces!.forEach((tr) => {
      const layer = run.plan.layers[tr.layer]!;
      const v = ref.v.get(layer.name)!;
      for (let t = 0; t < x.steps; t++) {
        for (let j = 0; j < layer.neurons; j++) {
          dv = Math.max(dv, Math.abs(tr.data[(i * x.steps + t) * layer.neurons + j]! - v[t]![j]!));
        }
      }
      const refSpikes = ref.out
        .get(layer.name)!
        .flat()
        .reduce((a, b) => a + b, 0);
      let mine = 0;
      for (let e = 0; e < run.chunk.spikes!.count; e++) {
        if (run.chunk.spikes!.sample[e] === i && run.chunk.spikes!.layer[e] === tr.layer) mine++;
      }
      spikes = Math.max(spikes, Math.abs(mine - refSpikes));
    });
  }
  return { dv, spikes };
}

test('the float profile equals the dense reference to 1e-9 with subtract reset', async () => {
  const d = await maxDifference(makeLeakyModel(11, [7, 12, 9, 4]), makeInputs(5, 12, 8, 7));
  assert.ok(d.dv < 1e-9, `membrane differs by ${d.dv}`);
  assert.equal(d.spikes, 0);
});

test('the float profile equals the dense reference to 1e-9 on chains with zero reset', async () => {
  const d = await maxDifference(
    makeLeakyModel(12, [6, 10, 3], EULER_ZERO),
    makeInputs(6, 12, 8, 6),
  );
  assert.ok(d.dv < 1e-9, `membrane differs by ${d.dv}`);
  assert.equal(d.spikes, 0);
});

test('the float profile equals the dense reference on Conv2d, SumPool2d and Flatten', async () => {
  const d = await maxDifference(makeConvModel(13), makeSpikeInputs(7, 6, 6, 36, 0.4));
  assert.ok(d.dv < 1e-9, `membrane differs by ${d.dv}`);
  assert.equal(d.spikes, 0);
});

test('the float profile equals the dense reference on a recurrent CubaLIF network', async () => {
  const d = await maxDifference(makeRecurrentModel(14), makeInputs(8, 8, 12, 5, 1.2));
  assert.ok(d.dv < 1e-9, `membrane differs by ${d.dv}`);
  assert.equal(d.spikes, 0);
});

test('the float profile predicts what the training evaluator does, spike for spike', async () => {
  for (const disc of [EULER_SUBTRACT, EULER_ZERO]) {
    const model = makeLeakyModel(15, [21, 30, 30, 10], disc);
    const x = makeInputs(9, 40, 5, 21, 1.5, 10);
    const mine = await emulateModel(model, x, FLOAT_PROFILE);
    const theirs = evaluateFloat(model, x);
    assert.deepEqual(Array.from(mine.result.outputCounts), Array.from(theirs.outputCounts));
    const perInput = mine.result.perLayer.map((l) => l.spikes / x.n);
    perInput.forEach((s, k) => assert.ok(Math.abs(s - theirs.spikesPerLayer[k]!) < 1e-9));
  }
});
