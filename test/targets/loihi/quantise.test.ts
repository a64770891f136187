// The quantiser's mapping from snnTorch-style β and θ to Loihi integers: the decay rule is
// explicit, per-neuron thresholds fold into the weights, one β per population is required,
// biases fit 13 bits, and the reset mismatch is reported with its measured accuracy cost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quantiseForLoihi, type QuantiseOptions } from '../../../targets/loihi/quantise.ts';
import { adapter } from '../../../targets/loihi/adapter.ts';
import { DynalignError } from '../../../src/util/errors.ts';
import type { NdArray } from '../../../src/ir/tensor.ts';
import { makeInputs, makeLeakyModel } from './helpers.ts';

const OPTS: QuantiseOptions = { inputBits: 16, headroomBits: 3, maxWeightLoss: 0.05, steps: 5 };

test('β 0.9 gives dv 410 with Euler (dt/τ) and 390 with the exact rule (1 − e^(−dt/τ))', () => {
  const m = makeLeakyModel([21, 8, 10], 1);
  const euler = quantiseForLoihi(m, { ...OPTS, decayRule: 'euler' });
  const exact = quantiseForLoihi(m, { ...OPTS, decayRule: 'exact' });
  assert.deepEqual(
    euler.layers.map((l) => [l.du, l.dv]),
    [
      [4095, 410],
      [4095, 410],
    ],
  );
  assert.deepEqual(
    exact.layers.map((l) => l.dv),
    [390, 390],
  );
  assert.equal(exact.decayRule, 'exact');
  assert.equal(quantiseForLoihi(m, OPTS).decayRule, 'euler');
});

test('vth = θ·S and weights fill ±254 at S; the analog layer keeps its threshold head room', () => {
  const m = makeLeakyModel([21, 8, 10], 2);
  const q = quantiseForLoihi(m, OPTS);
  q.desc.layers.forEach((d, k) => {
    const maxW = Math.max(...Array.from(d.weight, Math.abs));
    assert.ok(maxW <= 254 && maxW >= 250, `layer ${k}: ${maxW}`);
    assert.equal(d.neuron.vThMant, Math.round(q.layers[k]!.stateScale));
  });
  assert.ok(q.layers[0]!.vth <= 2 ** 14);
});

test('per-neuron thresholds are folded into the rows of the weights', () => {
  const m = makeLeakyModel([21, 2, 10], 3);
  const th = m.graph.nodes.lif1!.params.v_threshold as NdArray;
  (th.data as Float64Array).set([1, 2]);
  const q = quantiseForLoihi(m, OPTS);
  const w = (m.graph.nodes.fc1!.params.weight as NdArray).data as Float32Array;
  const d = q.desc.layers[0]!;
  const ratio = (i: number, j: number) => d.weight[i * 21 + j]! / w[i * 21 + j]!;
  assert.ok(Math.abs(ratio(0, 3) / ratio(1, 3) - 2) < 0.05);
});

test('neurons of one layer with different β are refused: Loihi has one dv per population', () => {
  const m = makeLeakyModel([21, 2, 10], 4);
  const tau = m.graph.nodes.lif1!.params.tau as NdArray;
  (tau.data as Float64Array)[1] = 2e-3;
  assert.throws(
    () => quantiseForLoihi(m, OPTS),
    (e: unknown) =>
      e instanceof DynalignError &&
      e.code === 'E_LOIHI_QUANTISE' &&
      e.detail.field === 'nodes/lif1/tau' &&
      /one voltage decay per population/.test(e.message),
  );
});

test('a large bias lowers the state scale instead of being clipped to 13 bits', () => {
  const m = makeLeakyModel([21, 4, 10], 5);
  const b = (m.graph.nodes.fc2!.params.bias as NdArray).data as Float32Array;
  b[0] = 100;
  const q = quantiseForLoihi(m, OPTS);
  assert.equal(q.desc.layers[1]!.bias![0], 4095);
  assert.equal(q.layers[1]!.biasClipped, 0);
  assert.ok(
    q.mismatches.some((s) => /lif2: threshold head room and 13-bit bias leave weights/.test(s)),
  );
});

test('emulate reports the reset mismatch with float accuracies under both rules', async () => {
  const m = makeLeakyModel([21, 16, 10], 6, 1);
  const inputs = makeInputs(40, 5, 21, 7);
  const r = await adapter.emulate(m, inputs, { options: {} });
  const acc = (r.extra as { accuracy: Record<string, number> }).accuracy;
  assert.equal(typeof acc.floatModel, 'number');
  assert.equal(typeof acc.floatResetZero, 'number');
  assert.equal(acc.resetCost, acc.floatModel! - acc.floatResetZero!);
  const notes = (r.extra as { quantisation: { mismatches: string[] } }).quantisation.mismatches;
  assert.match(notes[0]!, /Loihi sets v to 0 .*`dynalign train --reset zero`/);
});
