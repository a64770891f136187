// Lava's unit-test vectors (loihi.md §1.6) and the bug cases of §6, driven straight into a_in or
// through a Dense as in Lava's tests, give Lava's numbers exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type LifParams, makeLifState, stepLif } from '../../../targets/loihi/profile.ts';
import {
  accumulate,
  determineSignMode,
  effectiveWeights,
  shiftSum,
} from '../../../targets/loihi/dense.ts';
import { optimizeWeightBits } from '../../../targets/loihi/netx-weights.ts';
import { DynalignError } from '../../../src/util/errors.ts';

function lif(du: number, dv: number, vth: number, biasMant = 0, biasExp = 0): LifParams {
  return { n: 1, du, dv, vth, biasMant: Int32Array.of(biasMant), biasExp: Int32Array.of(biasExp) };
}

/** Run one neuron for `steps` steps with a_in(t) = input(t); return u, v and spike traces. */
function run(p: LifParams, steps: number, input: (t: number) => number) {
  const s = makeLifState(1);
  const spikes = new Uint8Array(1);
  const out = { u: [] as number[], v: [] as number[], spikeSteps: [] as number[] };
  for (let t = 1; t <= steps; t++) {
    stepLif(p, s, Int32Array.of(input(t)), spikes);
    out.u.push(s.u[0]!);
    out.v.push(s.v[0]!);
    if (spikes[0]) out.spikeSteps.push(t);
  }
  return out;
}

const impulse = (t: number) => (t === 1 ? 128 : 0);

test('1.6a: bias 2<<6 against vth 8 spikes at steps 5 and 10', () => {
  assert.deepEqual(run(lif(0, 0, 8, 2, 6), 10, () => 0).spikeSteps, [5, 10]);
});

test('1.6b: an impulse of 128 with du 2047 halves u every step', () => {
  assert.deepEqual(
    run(lif(2047, 0, 2 ** 17 - 1), 8, impulse).u,
    [8192, 4096, 2048, 1024, 512, 256, 128, 64],
  );
});

test('1.6c: with du 0 the hidden +1 leaks u, so v falls short of 16384', () => {
  const v = run(lif(0, 2048, 2 ** 17 - 1), 8, impulse).v;
  assert.deepEqual(v, [8192, 12286, 14331, 15351, 15859, 16111, 16235, 16295]);
});

test('1.6d / lava#329: bias_mant 4095 << 5 gives v = 131040, not the int16 overflow -32', () => {
  assert.deepEqual(run(lif(0, 0, 2 ** 17, 4095, 5), 1, () => 0).v, [131040]);
});

test('lava#334: u wraps once into 24 bits; after 5 steps of a_in 32767 it is -6291776', () => {
  const u = run(lif(-1, 0, 2 ** 17 - 1), 5, () => 32767).u;
  assert.deepEqual(u, [2097088, 4194176, 6291264, 8388352, -6291776]);
});

test('lava#322/#789: du 0 still leaks 1/4096, du 4095 forgets, only du -1 holds u', () => {
  assert.deepEqual(run(lif(0, 0, 2 ** 17 - 1), 3, impulse).u, [8192, 8190, 8188]);
  assert.deepEqual(run(lif(4095, 0, 2 ** 17 - 1), 3, impulse).u, [8192, 0, 0]);
  assert.deepEqual(run(lif(-1, 0, 2 ** 17 - 1), 3, impulse).u, [8192, 8192, 8192]);
});

test('v saturates at 2^23 - 1 and the threshold is strict (v = vth<<6 does not spike)', () => {
  const sat = run(lif(-1, 0, 2 ** 17), 6, () => 30000);
  assert.equal(Math.max(...sat.v), 2 ** 23 - 1);
  assert.deepEqual(run(lif(4095, 4096, 10), 1, () => 10).spikeSteps, []);
  assert.deepEqual(run(lif(4095, 4096, 10), 1, () => 11).spikeSteps, [1]);
});

test('a spike resets v to 0 and leaves u alone', () => {
  const r = run(lif(-1, 0, 100), 2, () => 200);
  assert.deepEqual(r.spikeSteps, [1, 2]);
  assert.deepEqual(r.v, [0, 0]);
  assert.deepEqual(r.u, [12800, 25600]);
});

test('mixed 8-bit weights lose their LSB toward -inf; 6-bit weights lose 3 bits', () => {
  assert.deepEqual(
    Array.from(effectiveWeights([-3, 5, 255, -255, 300], 'MIXED', 8)),
    [-4, 4, 254, -256, 254],
  );
  assert.deepEqual(Array.from(effectiveWeights([0, 9, 300], 'EXCITATORY', 8)), [0, 9, 255]);
  assert.deepEqual(Array.from(effectiveWeights([-256, -9], 'INHIBITORY', 8)), [-255, -9]);
  assert.deepEqual(Array.from(effectiveWeights([-13, 13, 100], 'MIXED', 6)), [-16, 8, 96]);
  assert.equal(determineSignMode([0, 0]), 'EXCITATORY');
  assert.equal(determineSignMode([0, -1]), 'INHIBITORY');
});

test('lava#859, lava-dl#304: netx inflates [-1, 1] to [-128, 128], exp -7; sums stay exact', () => {
  const opt = optimizeWeightBits([-1, 1], 'w');
  assert.deepEqual(
    [Array.from(opt.weights), opt.numWeightBits, opt.weightExp],
    [[-128, 128], 2, -7],
  );
  const one = optimizeWeightBits([64], 'w');
  assert.deepEqual([Array.from(one.weights), one.numWeightBits, one.weightExp], [[128], 1, -1]);
  const eff = effectiveWeights(opt.weights, determineSignMode(opt.weights), opt.numWeightBits);
  const dense = { nPre: 2, nPost: 1, weights: eff, weightExp: opt.weightExp, graded: false };
  const out = new Int32Array(1);
  const sums = [
    [1, 0],
    [0, 1],
    [1, 1],
  ].map((s) => (accumulate(dense, s, out), out[0]));
  assert.deepEqual(sums, [-1, 1, 0]);
});

test('a negative sum shifted right floors (arithmetic shift), unlike the decay', () => {
  const dense = { nPre: 1, nPost: 1, weights: Int32Array.of(-3), weightExp: -1, graded: false };
  const out = new Int32Array(1);
  accumulate(dense, [1], out);
  assert.equal(out[0], -2);
});

test('lava#501: an all-zero Dense sends zeros, but netx cannot optimise it', () => {
  const w = effectiveWeights(new Array(12).fill(0), determineSignMode(new Array(12).fill(0)), 8);
  const out = new Int32Array(3);
  accumulate({ nPre: 4, nPost: 3, weights: w, weightExp: 0, graded: false }, [1, 1, 1, 1], out);
  assert.deepEqual(Array.from(out), [0, 0, 0]);
  assert.throws(
    () => optimizeWeightBits(new Array(12).fill(0), 'layer/1/weight'),
    (e: unknown) =>
      e instanceof DynalignError && e.code === 'E_LOIHI_WEIGHTS' && /all-zero/.test(e.message),
  );
});

test('lava#311: graded payloads 5, 100, 0, 20 multiply the weight', () => {
  const dense = { nPre: 1, nPost: 1, weights: Int32Array.of(2), weightExp: 0, graded: true };
  const out = new Int32Array(1);
  const a = [5, 100, 0, 20].map((x) => (accumulate(dense, [x], out), out[0]));
  assert.deepEqual(a, [10, 200, 0, 40]);
});

test('6-bit excitatory weights drop 2 bits and a positive weight_exp shifts the sum left', () => {
  assert.deepEqual(Array.from(effectiveWeights([5, 255], 'EXCITATORY', 6)), [4, 252]);
  assert.equal(shiftSum(4, 2), 16);
});
