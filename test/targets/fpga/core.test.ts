// The fpga profile's arithmetic and cycle model, pinned by hand-computed steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCore, type StepTrace } from '../../../targets/fpga/src/core.js';
import { layerCycles, stepCycleBounds } from '../../../targets/fpga/src/cycles.js';
import { makeProgram } from './helpers.js';

function membranes(
  prog: ReturnType<typeof makeProgram>,
  codes: number[],
  steps: number,
): { spikes: number[]; cycles: number[] } {
  const spikes: number[] = [];
  const cycles: number[] = [];
  runCore(prog, Int8Array.from(codes), 1, steps, (t: StepTrace) => {
    spikes.push(t.spikes[0]!.length);
    cycles.push(t.cycles);
  });
  return { spikes, cycles };
}

test('multiply leak floors v·β_q/256 and subtract reset uses the previous step’s spike', () => {
  // w = 10, x = 3 → I = 30; β_q = 128; θ = 50. v: 30, 15+30 = 45, 22+30 = 52 (spike),
  // 26+30−50 = 6, 3+30 = 33.
  const prog = makeProgram([{ nIn: 1, nOut: 1, w: [10], theta: 50, leak: 128 }], { lanes: 1 });
  const r = membranes(prog, [3, 3, 3, 3, 3], 5);
  assert.deepEqual(r.spikes, [0, 0, 1, 0, 0]);
});

test('a spike needs v strictly above θ', () => {
  // I = 50 each step, no leak memory (β_q = 0): v = 50 = θ never spikes; with θ = 49 the
  // first step spikes, the next has 50 − 49 = 1, then it spikes again.
  const at = makeProgram([{ nIn: 1, nOut: 1, w: [10], theta: 50, leak: 0 }], { lanes: 1 });
  assert.deepEqual(membranes(at, [5, 5, 5], 3).spikes, [0, 0, 0]);
  const below = makeProgram([{ nIn: 1, nOut: 1, w: [10], theta: 49, leak: 0 }], { lanes: 1 });
  assert.deepEqual(membranes(below, [5, 5, 5], 3).spikes, [1, 0, 1]);
});

test('negative membranes leak toward −∞ (floor)', () => {
  // v = −3, then m = floor(−3·128/256) = −2 and I = 6: v = 4. Truncation toward zero would
  // give m = −1 and v = 5. θ = 4 separates the two; θ = 3 shows the neuron can fire at all.
  const floor = makeProgram([{ nIn: 1, nOut: 1, w: [-3], theta: 4, leak: 128 }], { lanes: 1 });
  assert.deepEqual(membranes(floor, [1, -2], 2).spikes, [0, 0]);
  const fires = makeProgram([{ nIn: 1, nOut: 1, w: [-3], theta: 3, leak: 128 }], { lanes: 1 });
  assert.deepEqual(membranes(fires, [1, -2], 2).spikes, [0, 1]);
});

test('the membrane saturates at S bits instead of wrapping or growing', () => {
  // I = 127·127·4 = 64516 with sh = −2: v = 32767 (spike; wrapped it would be −1020). Next
  // step 32767 − 30000 = 2767: no spike (an unclamped 64516 − 30000 would spike again).
  const sat = makeProgram([{ nIn: 1, nOut: 1, w: [127], theta: 30000, leak: 256, shift: -2 }], {
    lanes: 1,
  });
  assert.deepEqual(membranes(sat, [127, 0, 0], 3).spikes, [1, 0, 0]);
});

test('the accumulator shift rounds half up', () => {
  // acc = 3 with sh = 1 → I = (3 + 1) >> 1 = 2 > θ = 1; acc = 1 → (1 + 1) >> 1 = 1, not > 1.
  const p = makeProgram([{ nIn: 1, nOut: 1, w: [3], theta: 1, leak: 0, shift: 1 }], { lanes: 1 });
  assert.deepEqual(membranes(p, [1], 1).spikes, [1]);
  const q = makeProgram([{ nIn: 1, nOut: 1, w: [1], theta: 1, leak: 0, shift: 1 }], { lanes: 1 });
  assert.deepEqual(membranes(q, [1], 1).spikes, [0]);
  // acc = −3, sh = 1 → (−3 + 1) >> 1 = −1, plus bias 2 → 1, not > 1; floor(−1.5) would give −2.
  const r = makeProgram([{ nIn: 1, nOut: 1, w: [-3], bias: [3], theta: 1, leak: 0, shift: 1 }], {
    lanes: 1,
  });
  assert.deepEqual(membranes(r, [1], 1).spikes, [1]);
});

test('shift leak subtracts v >>> k; k = 0 keeps v', () => {
  // k = 1: v = 30, 30 − 15 + 30 = 45, 45 − 22 + 30 = 53 (spike at θ 50).
  const p = makeProgram([{ nIn: 1, nOut: 1, w: [10], theta: 50, leak: 1 }], {
    lanes: 1,
    leak: 'shift',
  });
  assert.deepEqual(membranes(p, [3, 3, 3], 3).spikes, [0, 0, 1]);
  const none = makeProgram([{ nIn: 1, nOut: 1, w: [10], theta: 50, leak: 0 }], {
    lanes: 1,
    leak: 'shift',
  });
  assert.deepEqual(membranes(none, [3, 3], 2).spikes, [0, 1]);
});

test('zero reset replaces v by v_r on the step after a spike and loses that step’s input', () => {
  // I = 60 > θ 50 every step: spike, then v = v_r = 0 (no spike), then spike again.
  const p = makeProgram([{ nIn: 1, nOut: 1, w: [20], theta: 50, leak: 256 }], { lanes: 1 }, 'zero');
  assert.deepEqual(membranes(p, [3, 3, 3, 3], 4).spikes, [1, 0, 1, 0]);
});

test('FIRST step of each inference starts from v = 0 and no previous spike', () => {
  const p = makeProgram([{ nIn: 1, nOut: 1, w: [20], theta: 50, leak: 256 }], { lanes: 1 });
  const per: number[] = [];
  runCore(p, Int8Array.from([3, 3, 3, 3]), 2, 2, (t) => per.push(t.spikes[0]!.length));
  // Each input: v = 60 (spike), 60 + 60 − 50 = 70 (spike); the second input starts again.
  assert.deepEqual(per, [1, 1, 1, 1]);
});

test('cycles follow 1 + Σ(2·n_src + nz·R + nOut + 4) and counts follow the events', () => {
  // Layer 0: 3 inputs, 2 non-zero, nOut 5 with 2 lanes → R = 3: 6 + 6 + 5 + 4 = 21.
  // Layer 1 sees k spikes of layer 0: 2k + k·1 + 2 + 4.
  const prog = makeProgram(
    [
      { nIn: 3, nOut: 5, w: new Array(15).fill(100), theta: 10, leak: 0 },
      { nIn: 5, nOut: 2, w: new Array(10).fill(1), theta: 1000, leak: 0 },
    ],
    { lanes: 2 },
  );
  const steps: StepTrace[] = [];
  const run = runCore(prog, Int8Array.from([1, 0, 1]), 1, 1, (t) => steps.push(t));
  const k = steps[0]!.spikes[0]!.length;
  assert.equal(k, 5);
  assert.equal(steps[0]!.cycles, 1 + 21 + (2 * k + k + 2 + 4));
  assert.equal(layerCycles(3, 2, 3, 5), 21);
  assert.equal(run.perLayer[0]!.macs, 10);
  assert.equal(run.perLayer[0]!.weightReads, 6);
  assert.equal(run.perLayer[1]!.synops, 10);
  assert.equal(run.perLayer[1]!.neuronUpdates, 2);
  const b = stepCycleBounds(3, prog.layers);
  assert.equal(b.min, 1 + (6 + 0 + 5 + 4) + (0 + 0 + 2 + 4));
  assert.equal(b.max, 1 + (6 + 9 + 5 + 4) + (10 + 5 + 2 + 4));
});
