// The fpga quantiser: integer ranges, agreement with the float network, refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractChain } from '../../../src/ir/chain.js';
import { DynalignError } from '../../../src/util/errors.js';
import { parseArch } from '../../../targets/fpga/src/arch.js';
import { runCore } from '../../../targets/fpga/src/core.js';
import { quantizeInputs } from '../../../targets/fpga/src/input-scale.js';
import { prepare } from '../../../targets/fpga/src/prepare.js';
import { makeInputs, makeModel } from './helpers.js';

test('weights are symmetric in Wb bits; θ is in [2^(S−4), 2^(S−3)] unless sh is −8', () => {
  for (const [wb, s] of [
    [8, 16],
    [4, 24],
  ] as const) {
    const { prog } = prepare(makeModel([6, 12, 4], 3), {
      weightBits: String(wb),
      stateBits: String(s),
    });
    for (const l of prog.layers) {
      const max = Math.max(...Array.from(l.weightT, Math.abs));
      assert.equal(max, 2 ** (wb - 1) - 1);
      assert.ok(l.theta <= 2 ** (s - 3), `θ ${l.theta}`);
      assert.ok(l.theta >= 2 ** (s - 4) || l.shift === -8, `θ ${l.theta} with sh ${l.shift}`);
    }
  }
});

test('the integer core predicts what the float network predicts on most inputs', () => {
  const model = makeModel([6, 24, 16, 4], 5, 0.9);
  const inputs = makeInputs(60, 5, 6, 9, 2);
  const { prog } = prepare(model, { inputScale: '0.03125' });
  const run = runCore(prog, quantizeInputs(inputs, prog.inputScale), inputs.n, inputs.steps);

  // Float reference: snnTorch Leaky with subtract reset from the previous step.
  const chain = extractChain(model);
  let agree = 0;
  for (let i = 0; i < inputs.n; i++) {
    const counts = new Float64Array(4);
    let v = chain.layers.map((l) => new Float64Array(l.nOut));
    let s = chain.layers.map((l) => new Float64Array(l.nOut));
    for (let t = 0; t < inputs.steps; t++) {
      let x = Array.from(inputs.data.subarray((i * 5 + t) * 6, (i * 5 + t + 1) * 6));
      chain.layers.forEach((l, k) => {
        const out: number[] = [];
        for (let j = 0; j < l.nOut; j++) {
          let cur = l.bias[j]!;
          for (let q = 0; q < l.nIn; q++) cur += l.weight[j * l.nIn + q]! * x[q]!;
          v[k]![j] = l.beta[j]! * v[k]![j]! + cur - s[k]![j]! * l.vThreshold[j]!;
          s[k]![j] = v[k]![j]! > l.vThreshold[j]! ? 1 : 0;
          out.push(s[k]![j]!);
        }
        x = out;
      });
      x.forEach((b, c) => (counts[c] += b));
    }
    const best = counts.indexOf(Math.max(...counts));
    const row = run.outputCounts.subarray(i * 4, i * 4 + 4);
    if (Array.from(row).indexOf(Math.max(...row)) === best) agree++;
    v = [];
    s = [];
  }
  assert.ok(agree / inputs.n >= 0.85, `agreement ${agree}/${inputs.n}`);
});

test('unsupported widths, lanes and parts are usage errors that name the flag', () => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ weightBits: '6' }, /--weight-bits/],
    [{ stateBits: '32' }, /--state-bits/],
    [{ lanes: '8' }, /--lanes/],
    [{ leak: 'exp' }, /--leak/],
    [{ part: 'hx8k' }, /--part/],
  ];
  for (const [opts, field] of cases) {
    assert.throws(
      () => parseArch(opts),
      (e: unknown) => e instanceof DynalignError && e.exitCode === 2 && field.test(e.format()),
    );
  }
  assert.equal(parseArch({ lanes: '8', weightBits: '4' }).lanes, 8);
});

test('per-neuron leak, a non-positive threshold and an overflowing accumulator are refused', () => {
  const model = makeModel([4, 3, 2], 1);
  const tau = model.graph.nodes.lif1!.params.tau as { data: Float64Array };
  tau.data[1] = tau.data[1]! * 2;
  assert.throws(() => prepare(model, {}), /one leak per layer/);

  const neg = makeModel([4, 3, 2], 1);
  (neg.graph.nodes.lif2!.params.v_threshold as { data: Float64Array }).data[0] = 0;
  assert.throws(
    () => prepare(neg, {}),
    (e: unknown) => e instanceof DynalignError && e.code === 'E_FPGA_UNSUPPORTED',
  );

  // 600 equal graded inputs of 127 × 127 exceed 2^23 (S = 16, A = 24).
  const wide = makeModel([600, 2], 1);
  (wide.graph.nodes.fc1!.params.weight as { data: Float32Array }).data.fill(1);
  assert.throws(() => prepare(wide, {}), /overflows the accumulator/);
  assert.doesNotThrow(() => prepare(wide, { stateBits: '24' }));
});

test('Dirac-delta spikes (amplitude-over-dt) scale the weights of spiking layers by 1/dt', () => {
  const unit = makeModel([4, 6, 3], 8);
  const dirac = makeModel([4, 6, 3], 8);
  dirac.discretisation = { ...dirac.discretisation!, spikes: 'amplitude-over-dt' };
  const w = dirac.graph.nodes.fc2!.params.weight as { data: Float32Array };
  const dt = dirac.discretisation.dt;
  w.data.set(Float32Array.from(w.data, (v) => v * dt));
  const a = prepare(unit, { inputScale: '0.03' }).prog.layers[1]!;
  const b = prepare(dirac, { inputScale: '0.03' }).prog.layers[1]!;
  assert.deepEqual(Array.from(b.weightT), Array.from(a.weightT));
  assert.equal(b.theta, a.theta);
});
