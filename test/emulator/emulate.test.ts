import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emulateModel } from '../../src/emulator/emulate.js';
import { quantizeAndEmulate } from '../../src/emulator/quantize-and-emulate.js';
import { compareRuns, pearson } from '../../src/emulator/agreement.js';
import { FLOAT_PROFILE } from '../../src/quantize/profiles/float.js';
import { makeIntProfile } from '../../src/quantize/profiles/int.js';
import { quantizeModel } from '../../src/quantize/quantize-model.js';
import { perInference } from '../../src/emulator/result.js';
import { makeConvModel, makeInputs, makeLeakyModel, makeSpikeInputs } from './helpers.js';

test('synops are each spike times its fan-out; the analog first layer counts MACs', async () => {
  const sizes = [6, 9, 7, 3];
  const x = makeInputs(1, 10, 5, 6);
  const run = await emulateModel(makeLeakyModel(2, sizes), x, FLOAT_PROFILE, {
    recordSpikes: true,
  });
  const L = run.result.perLayer;
  let nonzero = 0;
  for (const v of x.data) if (v !== 0) nonzero++;
  assert.equal(L[0]!.macs, nonzero * sizes[1]!);
  assert.equal(L[0]!.synops, 0);
  for (let k = 1; k < L.length; k++) {
    assert.equal(L[k]!.synops, L[k - 1]!.spikes * sizes[k + 1]!);
    assert.equal(L[k]!.weightReads, L[k]!.synops);
  }
  L.forEach((l, k) => assert.equal(l.neuronUpdates, sizes[k + 1]! * x.n * x.steps));
  assert.equal(
    run.chunk.spikes!.count,
    L.reduce((a, l) => a + l.spikes, 0),
  );
  assert.equal(perInference(run.result).spikes, run.chunk.spikes!.count / x.n);
});

test('conv synops count only the kernel taps that land inside the output', async () => {
  const x = makeSpikeInputs(3, 1, 1, 36, 0);
  x.data[0] = 1;
  const run = await emulateModel(makeConvModel(4), x, FLOAT_PROFILE);
  // A corner pixel with 3×3 taps and padding 1 reaches 2×2 positions of each of 3 channels.
  assert.equal(run.result.perLayer[0]!.macs, 12);
});

test('two worker threads give exactly what one thread gives', async () => {
  const p = makeIntProfile();
  const { model } = quantizeModel(makeLeakyModel(5, [21, 30, 20, 10]), p);
  const x = makeInputs(6, 300, 5, 21, 1.2, 10);
  const one = await emulateModel(model, x, p, {
    workers: 1,
    recordSpikes: true,
    stepDigests: true,
  });
  const two = await emulateModel(model, x, p, {
    workers: 2,
    recordSpikes: true,
    stepDigests: true,
  });
  assert.deepEqual(two.result.perLayer, one.result.perLayer);
  assert.deepEqual(Array.from(two.result.outputCounts), Array.from(one.result.outputCounts));
  assert.deepEqual(Array.from(two.chunk.spikes!.sample), Array.from(one.chunk.spikes!.sample));
  assert.deepEqual(Array.from(two.chunk.stepDigests!), Array.from(one.chunk.stepDigests!));
  assert.equal(two.result.accuracy, one.result.accuracy);
});

test('quantizeAndEmulate quantises for the profile; agreement grows with weight bits', async () => {
  const model = makeLeakyModel(7, [21, 60, 40, 10]);
  const x = makeInputs(8, 200, 5, 21, 1, 10);
  const cal = { calibration: makeInputs(9, 32, 5, 21, 1) };
  const res = await quantizeAndEmulate(model, x, 'int', { quantize: cal });
  assert.equal(res.target, 'int-w8-s16');
  const agree: number[] = [];
  for (const weightBits of [4, 8, 12]) {
    const p = makeIntProfile({ weightBits, stateBits: 24 });
    const { agreement } = await compareRuns(model, quantizeModel(model, p, cal).model, p, x);
    assert.equal(agreement.identical + agreement.firstDivergence.reduce((a, b) => a + b, 0), x.n);
    if (weightBits === 8) {
      assert.ok(agreement.classification >= 0.9, `8-bit agreement ${agreement.classification}`);
      for (const l of agreement.layers)
        assert.ok(l.correlation > 0.98, `${l.name}: ${l.correlation}`);
    }
    agree.push(agreement.classification);
  }
  assert.ok(
    agree[0]! < agree[1]! && agree[1]! < agree[2]!,
    `agreement by bits: ${agree.join(', ')}`,
  );
});

test('pearson is 1 for proportional counts and NaN for a constant side', () => {
  assert.ok(Math.abs(pearson([1, 2, 3], [2, 4, 6]) - 1) < 1e-12);
  assert.ok(Number.isNaN(pearson([1, 1, 1], [1, 2, 3])));
});

test('the WebAssembly SIMD rows give exactly what the plain JavaScript loops give', async () => {
  const p = makeIntProfile();
  const { model } = quantizeModel(makeLeakyModel(10, [21, 37, 50, 10]), p);
  const x = makeInputs(11, 40, 5, 21, 1.2, 10);
  const simd = await emulateModel(model, x, p, { stepDigests: true });
  const js = await emulateModel(model, x, p, { simd: false, stepDigests: true });
  assert.ok(
    simd.plan.nodes.some((n) => n.op.kind === 'dense' && n.op.wasm),
    'SIMD path not taken',
  );
  assert.ok(js.plan.nodes.every((n) => n.op.kind !== 'dense' || !n.op.wasm));
  assert.deepEqual(simd.result.perLayer, js.result.perLayer);
  assert.deepEqual(Array.from(simd.chunk.stepDigests!), Array.from(js.chunk.stepDigests!));
});

test('a cycle model gets its cycles summed over every step of every input', async () => {
  const base = makeIntProfile();
  const { model } = quantizeModel(makeLeakyModel(12, [5, 8, 3]), base);
  const cycles = (layers: readonly { neurons: number; synops: number; macs: number }[]) =>
    layers.reduce((a, l) => a + 2 * l.synops + l.macs + 3 * l.neurons, 1);
  const x = makeInputs(13, 7, 4, 5);
  const run = await emulateModel(model, x, { ...base, cycles });
  const L = run.result.perLayer;
  const expected =
    x.n * x.steps * (1 + L.reduce((a, l) => a + 3 * l.neurons, 0)) +
    L.reduce((a, l) => a + 2 * l.synops + l.macs, 0);
  assert.equal(run.result.cycles, expected);
});
