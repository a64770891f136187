// The pitfalls of shared/docs/nir.md §5, each with the answer dynalign gives.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { closeH5 } from '../../src/ir/hdf5/host.js';
import { readNir, writeNir } from '../../src/ir/nir/file.js';
import { modelToTree } from '../../src/ir/nir/write.js';
import { validateModel } from '../../src/ir/infer.js';
import { broadcastScalars } from '../../src/ir/broadcast.js';
import { simulate } from '../../src/ir/sim/simulate.js';
import { schedule } from '../../src/ir/sim/order.js';
import { inlineGraph } from '../../src/ir/sim/inline.js';
import type { Discretisation, IrModel, IrNode } from '../../src/ir/model.js';
import { f32, f64, i64 } from '../../src/ir/tensor.js';
import type { H5Group } from '../../src/ir/hdf5/tree.js';
import { NIR_PAPER, makeGraph, makeLif, makeModel, makePort } from './helpers.js';

after(closeH5);

const euler = (dt: number, reset: Discretisation['reset'] = 'zero'): Discretisation =>
  ({ dt, integrator: 'euler', reset, spikes: 'unit' });
const errorsOf = (m: IrModel) => validateModel(m).problems.filter((p) => p.severity === 'error');

test('IF never leaks: 0.0625 per step first crosses v_th = 1 at step 17 (snntorch #416)', () => {
  const model = makeModel(makeGraph({
    input: makePort('Input', [1]),
    lin: { type: 'Linear', params: { weight: f32([1], [1, 1]) }, metadata: {} },
    if: { type: 'IF', params: { r: f64([1]), v_threshold: f64([1]), v_reset: f64([0]) },
      metadata: {} },
    output: makePort('Output', [1]),
  }, [['input', 'lin'], ['lin', 'if'], ['if', 'output']]));
  for (const integrator of ['euler', 'exact'] as const) {
    const r = simulate(model, { input: new Float64Array(40).fill(0.0625) },
      { discretisation: { ...euler(1), integrator }, record: ['if'] });
    const first = r.traces.if!.output.indexOf(1) + 1;
    assert.equal(first, 17, integrator);
    assert.equal(r.traces.if!.state.v![15], 1, 'v reaches exactly 1 at step 16 without spiking');
  }
});

test('0-d neuron parameters are broadcast from the neighbour: Affine(128×2450) → ' +
  'CubaLIF[128]', async () => {
  const scalar = (v: number) => f32([v], []);
  const model = makeModel(makeGraph({
    input: makePort('Input', [2450]),
    fc1: { type: 'Affine', params: { weight: f32(new Float32Array(128 * 2450), [128, 2450]),
      bias: f32(new Float32Array(128)) }, metadata: {} },
    lif1: { type: 'CubaLIF', params: { tau_syn: scalar(5e-4), tau_mem: scalar(1e-3), r: scalar(10),
      v_leak: scalar(0), v_threshold: scalar(1), w_in: scalar(5) }, metadata: {} },
    output: makePort('Output', [128]),
  }, [['input', 'fc1'], ['fc1', 'lif1'], ['lif1', 'output']]));
  assert.deepEqual(errorsOf(model), []);
  assert.deepEqual(validateModel(model).types.nodes.lif1, { input: [128], output: [128] });

  const back = (await readNir(await writeNir(model))).model.graph.nodes.lif1!;
  for (const f of ['tau_syn', 'tau_mem', 'r', 'v_leak', 'v_threshold', 'w_in', 'v_reset']) {
    const p = back.params[f] as { shape: number[]; dtype: string; data: Float32Array };
    assert.deepEqual(p.shape, [128], f);
    assert.equal(p.dtype, 'float32', f);
  }
  assert.equal((back.params.w_in as { data: Float32Array }).data[127], 5);
});

test('0-d parameters with no neighbour that fixes the count are refused clearly', () => {
  const model = makeModel(makeGraph({
    lif: { type: 'LIF', params: { tau: f64([1e-3], []), r: f64([1], []), v_leak: f64([0], []),
      v_threshold: f64([1], []) }, metadata: {} },
  }, []));
  type Coded = Error & { code?: string; path?: string };
  assert.throws(() => broadcastScalars(model.graph), (e: Coded) =>
    e.code === 'E_SCALAR_PARAM' && e.path === '/graph/nodes/lif/params/tau' &&
    /^LIF 'lif' has 0-d tau, r, v_leak, v_threshold and no neighbour/.test(e.message));
});

test('Linear(2→3) → LIF with scalar parameters is a LIF[3] (norse #412)', () => {
  const model = makeModel(makeGraph({
    input: makePort('Input', [2]),
    lin: { type: 'Linear', params: { weight: f32([1, 2, 3, 4, 5, 6], [3, 2]) }, metadata: {} },
    lif: { type: 'LIF', params: { tau: f64([1e-3], []), r: f64([1], []), v_leak: f64([0], []),
      v_threshold: f64([1], []) }, metadata: {} },
    output: makePort('Output', [3]),
  }, [['input', 'lin'], ['lin', 'lif'], ['lif', 'output']]));
  assert.deepEqual(errorsOf(model), []);
  assert.deepEqual(validateModel(model).types.nodes.lif!.output, [3]);
});

test('a LIF without v_reset reads as v_reset 0 (NIR ≥ 1.0.6), and v_reset is always ' +
  'written', async () => {
  const { model, notes } = await readNir(readFileSync(NIR_PAPER + 'lif_norse.nir'));
  const lif = model.graph.nodes['1']!;
  assert.deepEqual(lif.params.v_reset, { dtype: 'float32', shape: [1], data: Float32Array.of(0) });
  assert.ok(notes.some((n) => /^LIF '1': no v_reset in the file; NIR's default used/.test(n)));

  const { v_reset: _dropped, ...rest } = lif.params;
  const stripped = { ...model, graph: { ...model.graph, nodes: { ...model.graph.nodes,
    1: { ...lif, params: rest } } } };
  const tree = modelToTree(stripped);
  const top = tree.children[0]![1] as H5Group;
  const nodes = top.children.find(([k]) => k === 'nodes')![1] as H5Group;
  const one = nodes.children.find(([k]) => k === '1')![1] as H5Group;
  assert.ok(one.children.some(([k]) => k === 'v_reset'));
});

test('Euler CubaLIF keeps v_threshold and updates I before v (snntorch PR #435)', () => {
  const dt = 1e-4;
  const cuba: IrNode = { type: 'CubaLIF', params: { tau_syn: f64([5e-4]), tau_mem: f64([1e-3]),
    r: f64([10]), v_leak: f64([0]), v_threshold: f64([1]), v_reset: f64([0]), w_in: f64([1]) },
  metadata: {} };
  const model = makeModel(makeGraph({ input: makePort('Input', [1]), cuba,
    output: makePort('Output', [1]) }, [['input', 'cuba'], ['cuba', 'output']]));
  const x = Float64Array.from({ length: 60 }, (_, t) => (t % 3 === 0 ? 1 : 0));
  const r = simulate(model, { input: x }, { discretisation: euler(dt), record: ['cuba'] });

  let i = 0;
  let v = 0;
  x.forEach((s, t) => {
    i += (dt / 5e-4) * (-i + s);
    v += (dt / 1e-3) * (0 - v + 10 * i);
    const z = v > 1 ? 1 : 0;
    if (z) v = 0;
    assert.equal(r.traces.cuba!.output[t], z, `spike at ${t}`);
    assert.ok(Math.abs(r.traces.cuba!.state.v![t]! - v) < 1e-12, `v at ${t}`);
  });
  assert.ok(r.spikeCounts.cuba! > 0);
});

test('a batch dimension on the Input of a Conv2d is named as the problem (NIR #69)', () => {
  const model = makeModel(makeGraph({
    input: makePort('Input', [1, 2, 34, 34]),
    conv: { type: 'Conv2d', params: { weight: f32(new Float32Array(16 * 2 * 9), [16, 2, 3, 3]),
      stride: i64([1, 1]), padding: i64([1, 1]), dilation: i64([1, 1]), groups: i64([1], []),
      bias: f32(new Float32Array(16)) }, metadata: {} },
  }, [['input', 'conv']]));
  const errors = errorsOf(model);
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.path, '/graph/nodes/conv');
  assert.match(errors[0]!.message,
    /^Conv2d 'conv' on input \[1,2,34,34\]: expects an input \[C, H, W\] without a batch/);
});

test('grouped convolutions infer C_in = weight.shape[1]·groups: [2,8,8] → [4,8,8] ' +
  '(NIR #58)', () => {
  const model = makeModel(makeGraph({
    input: makePort('Input', [2, 8, 8]),
    conv: { type: 'Conv2d', params: { weight: f32(new Float32Array(4 * 9), [4, 1, 3, 3]),
      stride: i64([1, 1]), padding: i64([1, 1]), dilation: i64([1, 1]), groups: i64([2], []),
      bias: f32(new Float32Array(4)) }, metadata: {} },
    output: makePort('Output', [4, 8, 8]),
  }, [['input', 'conv'], ['conv', 'output']]));
  assert.deepEqual(errorsOf(model), []);
  assert.deepEqual(validateModel(model).types.nodes.conv, { input: [2, 8, 8], output: [4, 8, 8] });

  const bad = structuredClone(model);
  bad.graph.nodes.input = makePort('Input', [1, 8, 8]);
  assert.match(errorsOf(bad)[0]!.message,
    /input has 1 channels; weight \[4,1,3,3\] with groups 2 expects 2/);
});

test('a cycle without Input or Output nodes is typed, runs and survives .nir (NIR PR #153)',
  async () => {
  const lif = makeLif(2, { tau: 1e-3, r: 1, vTh: 0.5 });
  lif.params.v_leak = f64([2, 0]);
  const model = makeModel(makeGraph({
    lif,
    lin: { type: 'Linear', params: { weight: f64([0, 10, 10, 0], [2, 2]) }, metadata: {} },
  }, [['lif', 'lin'], ['lin', 'lif']]));
  const v = validateModel(model);
  assert.deepEqual(v.problems.filter((p) => p.severity === 'error'), []);
  assert.deepEqual(v.types.nodes.lin, { input: [2], output: [2] });

  const r = simulate(model, {}, { discretisation: euler(1e-4), steps: 200, record: ['lif'] });
  assert.ok(r.spikeCounts.lif! > 0);
  const z = r.traces.lif!.output;
  const firstDriven = Array.from({ length: 200 }, (_, t) => z[2 * t + 1]).indexOf(1);
  const firstLeak = Array.from({ length: 200 }, (_, t) => z[2 * t]).indexOf(1);
  assert.ok(firstDriven > firstLeak, 'neuron 1 only fires from neuron 0 through the cycle');
  assert.deepStrictEqual((await readNir(await writeNir(model))).model, model);
});

test('an edge that closes a cycle reads the previous step (NIRTorch, snnTorch RLeaky; ' +
  'NIRTorch PR #48)', async () => {
  const { model } = await readNir(readFileSync(NIR_PAPER + 'braille_noDelay_bias_zero.nir'));
  const flat = inlineGraph(model.graph);
  const { incoming } = schedule(flat.graph, flat.inputs);
  assert.deepEqual(incoming.get('lif1.lif'), [
    { source: 'lif1.w_rec', delayed: true },
    { source: 'fc1', delayed: false },
  ]);

  // By hand: one neuron, recurrent weight 1 into itself through a Linear.
  const loop = makeModel(makeGraph({
    input: makePort('Input', [1]),
    lif: makeLif(1, { tau: 1, r: 1e4, vTh: 0.5 }),
    rec: { type: 'Linear', params: { weight: f64([1], [1, 1]) }, metadata: {} },
  }, [['input', 'lif'], ['lif', 'rec'], ['rec', 'lif']]));
  const x = Float64Array.of(1, 0, 0, 0);
  const r = simulate(loop, { input: x }, { discretisation: euler(1e-4), record: ['lif'] });
  assert.deepEqual(Array.from(r.traces.lif!.output), [1, 1, 1, 1]);
  assert.equal(r.traces.lif!.state.v![0], 0);
});

test('the reset rule NIR cannot state is a warning, until the model records one (NIR ' +
  'PR #63)', async () => {
  const { model } = await readNir(readFileSync(NIR_PAPER + 'braille_noDelay_bias_zero.nir'));
  const warn = validateModel(model).problems.find((p) => p.code === 'W_RESET_UNSTATED');
  assert.equal(warn?.severity, 'warning');
  assert.equal(warn?.path, '/discretisation/reset');
  assert.match(warn!.message, /^the reset rule is not stated: NIR only stores v_reset/);

  const stated = { ...model, discretisation: euler(1e-4, 'zero') };
  const codes = validateModel(stated).problems.map((p) => p.code);
  assert.ok(!codes.includes('W_RESET_UNSTATED'));
  const back = (await readNir(await writeNir(stated))).model;
  assert.deepEqual(back.discretisation, stated.discretisation);
});

test('Flatten counts dims without a batch dim: the default start_dim 1 gives (C, H·W)', () => {
  const flat = (params: IrNode['params']) => makeModel(makeGraph({
    input: makePort('Input', [8, 4, 4]),
    flat: { type: 'Flatten', params, metadata: {} },
  }, [['input', 'flat']]));
  const out = (m: IrModel) => validateModel(m).types.nodes.flat!.output;
  assert.deepEqual(out(flat({})), [8, 16]);
  assert.deepEqual(out(flat({ start_dim: i64([0], []), end_dim: i64([-1], []) })), [128]);
  assert.deepEqual(out(flat({ start_dim: i64([0], []), end_dim: i64([1], []) })), [32, 4]);
  assert.match(errorsOf(flat({ start_dim: i64([3], []) }))[0]!.message,
    /start_dim 3 \/ end_dim -1 do not fit a 3-D input \[8,4,4\]/);
});

test('a Conv2d without input_shape gets it from inference when written, as nir.read ' +
  'needs', async () => {
  const model = makeModel(makeGraph({
    input: makePort('Input', [1, 6, 6]),
    conv: { type: 'Conv2d', params: { weight: f32(new Float32Array(18), [2, 1, 3, 3]),
      stride: i64([1, 1]), padding: 'valid', dilation: i64([1, 1]), groups: i64([1], []),
      bias: f32([0, 0]) }, metadata: {} },
  }, [['input', 'conv']]));
  const back = (await readNir(await writeNir(model))).model.graph.nodes.conv!;
  assert.deepEqual(back.params.input_shape, i64([6, 6]));
  assert.equal(back.params.padding, 'valid');

  const orphan = structuredClone(model);
  delete orphan.graph.nodes.input;
  orphan.graph.edges = [];
  await assert.rejects(writeNir(orphan), { code: 'E_NIR_CONV_SHAPE' });
});

test('spikes as unit events make lif2 respond in proportion to dt; amplitude-over-dt ' +
  'does not', async () => {
  const { model } = await readNir(readFileSync(NIR_PAPER + 'two_lif_neurons.nir'));
  const run = (dt: number, spikes: Discretisation['spikes']) => {
    const steps = Math.round(0.05 / dt);
    const r = simulate(model, { in: new Float64Array(steps) },
      { discretisation: { ...euler(dt), spikes }, record: ['lif1', 'lif2'] });
    return { lif1: r.spikeCounts.lif1!, lif2: r.spikeCounts.lif2!,
      v2: Math.max(...r.traces.lif2!.state.v!) };
  };
  const fine = run(1e-4, 'unit');
  const coarse = run(1e-3, 'unit');
  assert.ok(fine.lif1 > 0);
  assert.equal(fine.lif1, coarse.lif1, 'lif1 fires on its own the same number of times');
  assert.equal(fine.lif2 + coarse.lif2, 0, 'a unit spike is too small to drive lif2 over 20');
  assert.ok(Math.abs(coarse.v2 / fine.v2 - 10) < 1.5, `ratio ${coarse.v2 / fine.v2}`);

  // As Dirac pulses each spike adds r/τ = 100 to lif2 whatever dt is, so lif2 follows lif1.
  for (const dt of [1e-4, 1e-3]) {
    const d = run(dt, 'amplitude-over-dt');
    assert.equal(d.lif2, d.lif1, `dt ${dt}`);
  }
});
