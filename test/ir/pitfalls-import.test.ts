// Pitfalls 5 and 7 of shared/docs/nir.md §5: graphs as Norse exports and imports them.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeH5, writeH5 } from '../../src/ir/hdf5/host.js';
import type { H5Group } from '../../src/ir/hdf5/tree.js';
import { modelToTree } from '../../src/ir/nir/write.js';
import { readNir, writeNir } from '../../src/ir/nir/file.js';
import { validateModel } from '../../src/ir/infer.js';
import { simulate } from '../../src/ir/sim/simulate.js';
import { decodeModel, encodeModel } from '../../src/ir/proto.js';
import { modelFromJson, modelToJson } from '../../src/ir/json.js';
import type { Discretisation, IrModel } from '../../src/ir/model.js';
import { f32, f64 } from '../../src/ir/tensor.js';
import { makeGraph, makeModel, makePort } from './helpers.js';

after(closeH5);

const euler = (dt: number): Discretisation =>
  ({ dt, integrator: 'euler', reset: 'zero', spikes: 'unit' });

/** Input[1] → LIF[1] with r = 1, as Norse exports a LIFBoxCell of time constant τ. */
function norseLif(tau: number): IrModel {
  return makeModel(makeGraph({
    input: makePort('Input', [1]),
    lif: { type: 'LIF', params: { tau: f32([tau]), r: f32([1]), v_leak: f32([0]),
      v_threshold: f32([1e9]), v_reset: f32([0]) }, metadata: {} },
    output: makePort('Output', [1]),
  }, [['input', 'lif'], ['lif', 'output']]));
}

test('Norse τ_inv = 900 at dt = 1e-3 is τ ≈ 1.11e-3 s and steps as Norse does; a τ scaled ' +
  'by dt is flagged (norse #411)', async () => {
  const dt = 1e-3;
  const right = norseLif(1 / 900);
  const back = (await readNir(await writeNir({ ...right, discretisation: euler(dt) }))).model;
  assert.deepEqual(back.graph.nodes.lif!.params.tau, f32([1 / 900]), 'τ is stored as given');
  assert.ok(Math.abs((back.graph.nodes.lif!.params.tau as { data: Float32Array }).data[0]! -
    1.11e-3) < 2e-6);

  // Norse's Euler step: v += dt·τ_inv·((v_leak − v) + x), so with x = 1 and τ_inv·dt = 0.9
  // v_t = 1 − 0.1^t.
  const x = new Float64Array(6).fill(1);
  const r = simulate(back, { input: x }, { discretisation: euler(dt), record: ['lif'] });
  const tauInvDt = dt / (back.graph.nodes.lif!.params.tau as { data: Float32Array }).data[0]!;
  let v = 0;
  x.forEach((xt, t) => {
    v += tauInvDt * (0 - v + xt);
    assert.ok(Math.abs(r.traces.lif!.state.v![t]! - v) < 1e-12, `step ${t}`);
    assert.ok(Math.abs(v - (1 - 0.1 ** (t + 1))) < 1e-6, `step ${t} against 1 − 0.1^t`);
  });
  const codes = (m: IrModel) => validateModel(m).problems.map((p) => p.code);
  assert.ok(!codes(back).includes('W_EULER_UNSTABLE'));

  // The bug: τ = dt / τ_inv ≈ 1.1e-6 s, so dt/τ = 900 and the Euler state diverges.
  const scaled = { ...norseLif(dt / 900), discretisation: euler(dt) };
  const warn = validateModel(scaled).problems.find((p) => p.code === 'W_EULER_UNSTABLE');
  assert.equal(warn?.severity, 'warning');
  assert.equal(warn?.path, '/graph/nodes/lif/params/tau');
  assert.match(warn!.message, /^LIF 'lif' has tau = 1\.111e-6 s, shorter than dt = 0\.001 s: the /);
  assert.match(warn!.message, /makes the state diverge; check that the exporter did not scale τ/);
  const exact = { ...scaled, discretisation: { ...euler(dt), integrator: 'exact' as const } };
  assert.ok(!codes(exact).includes('W_EULER_UNSTABLE'), 'the exact integrator is stable');
});

/** NIRGraph.from_list(Affine(W, b), LIF(τ = [.9, .8], r = 1, v_leak = 0, v_th = 1)) as NIR
 * builds it: nodes input, affine, lif, output in a chain (NIR #135). */
function fromListGraph(): IrModel {
  return makeModel(makeGraph({
    input: makePort('Input', [2]),
    affine: { type: 'Affine', params: { weight: f32([1, 2, 3, 4], [2, 2]), bias: f32([1, 2]) },
      metadata: {} },
    lif: { type: 'LIF', params: { tau: f32([0.9, 0.8]), r: f32([1, 1]), v_leak: f32([0, 0]),
      v_threshold: f32([1, 1]) }, metadata: {} },
    output: makePort('Output', [2]),
  }, [['input', 'affine'], ['affine', 'lif'], ['lif', 'output']]));
}

test('the 2-neuron Affine → LIF graph of NIR #135 imports through every format and runs',
  async () => {
  const model = fromListGraph();
  const viaNir = (await readNir(await writeNir(model))).model;
  for (const m of [viaNir, decodeModel(encodeModel(model)), modelFromJson(modelToJson(model))]) {
    const v = validateModel(m);
    assert.deepEqual(v.problems.filter((p) => p.severity === 'error'), []);
    assert.deepEqual(v.types.nodes.lif, { input: [2], output: [2] });
  }
  assert.deepEqual(viaNir.graph.nodes.lif!.params.v_reset, f32([0, 0]), 'NIR default v_reset');

  // Run it: x = [1, 0] gives I = W·x + b = [2, 5]; Euler with dt = 0.1, reset to v_reset = 0.
  const dt = 0.1;
  const steps = 12;
  const x = new Float64Array(2 * steps);
  for (let t = 0; t < steps; t++) x[2 * t] = 1;
  const r = simulate(viaNir, { input: x }, { discretisation: euler(dt), record: ['lif'] });
  const current = [2, 5];
  const tau = [Math.fround(0.9), Math.fround(0.8)];
  const v = [0, 0];
  for (let t = 0; t < steps; t++) {
    for (const j of [0, 1]) {
      v[j]! += (dt / tau[j]!) * (0 - v[j]! + current[j]!);
      const z = v[j]! > 1 ? 1 : 0;
      if (z) v[j] = 0;
      assert.equal(r.traces.lif!.output[2 * t + j], z, `spike of neuron ${j} at step ${t}`);
      assert.ok(Math.abs(r.traces.lif!.state.v![2 * t + j]! - v[j]!) < 1e-12, `v ${j} at ${t}`);
    }
  }
  assert.ok(r.spikeCounts.lif! >= 4, `both neurons fire (${r.spikeCounts.lif})`);
  assert.deepEqual(Array.from(r.outputs.output!.output.subarray(0, 2)), [0, 0]);
});

test('a .nir file with 0-d CubaLIF fields, as snnTorch wrote them, reads as CubaLIF[128] with ' +
  'a note (snntorch #410)', async () => {
  const model = makeModel(makeGraph({
    input: makePort('Input', [2450]),
    fc1: { type: 'Affine', params: { weight: f32(new Float32Array(128 * 2450), [128, 2450]),
      bias: f32(new Float32Array(128)) }, metadata: {} },
    lif1: { type: 'CubaLIF', params: { tau_syn: f32([5e-4]), tau_mem: f32([1e-3]), r: f32([10]),
      v_leak: f32([0]), v_threshold: f32([1]), v_reset: f32([0]), w_in: f32([1]) },
    metadata: {} },
  }, [['input', 'fc1'], ['fc1', 'lif1']]));

  // The file's neuron datasets are 0-d, as snnTorch's exporter wrote them.
  const tree = modelToTree(model);
  const top = tree.children.find(([k]) => k === 'node')![1] as H5Group;
  const nodes = top.children.find(([k]) => k === 'nodes')![1] as H5Group;
  const lif = nodes.children.find(([k]) => k === 'lif1')![1] as H5Group;
  for (const [, d] of lif.children) if (d.kind === 'numeric') d.shape = [];
  const { model: back, notes } = await readNir(await writeH5(tree));

  const tau = back.graph.nodes.lif1!.params.tau_mem as { shape: number[]; data: Float32Array };
  assert.deepEqual(tau.shape, [128]);
  assert.ok(tau.data.every((t) => t === Math.fround(1e-3)));
  assert.ok(notes.includes("CubaLIF 'lif1': 0-d tau_syn, tau_mem, r, v_leak, v_threshold, " +
    'v_reset, w_in broadcast to [128]'), notes.join('\n'));
  assert.deepEqual(validateModel(back).types.nodes.lif1, { input: [128], output: [128] });
});
