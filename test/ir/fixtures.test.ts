import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { readNir, writeNir } from '../../src/ir/nir/file.js';
import { closeH5 } from '../../src/ir/hdf5/host.js';
import { decodeModel, encodeModel } from '../../src/ir/proto.js';
import { modelFromJson, modelToJson } from '../../src/ir/json.js';
import { validateModel } from '../../src/ir/infer.js';
import { describeModel } from '../../src/ir/describe.js';
import { runGolden } from '../../src/ir/sim/golden.js';
import { NIR_LIB, NIR_PAPER, canonical } from './helpers.js';

after(closeH5);

const paperFiles = readdirSync(NIR_PAPER).filter((f) => f.endsWith('.nir')).sort();
const libFiles = readdirSync(NIR_LIB).filter((f) => f.endsWith('.nir')).sort();

async function load(path: string) {
  return readNir(readFileSync(path));
}

test('every NIR paper file loads and survives .nir, JSON and protobuf round trips ' +
  'unchanged', async () => {
  assert.equal(paperFiles.length, 6);
  for (const f of [...paperFiles, ...libFiles]) {
    const { model } = await load(NIR_PAPER + f).catch(() => load(NIR_LIB + f));
    const viaNir = (await readNir(await writeNir(model))).model;
    const viaJson = modelFromJson(modelToJson(viaNir));
    const viaProto = decodeModel(encodeModel(viaJson));
    for (const back of [viaNir, viaJson, viaProto]) {
      assert.deepStrictEqual(back, model, f);
      assert.equal(canonical(back), canonical(model), f);
    }
  }
});

test('the paper files validate, except the Rockpool export whose Output is [1,1,1]', async () => {
  for (const f of paperFiles) {
    const { model } = await load(NIR_PAPER + f);
    const errors = validateModel(model).problems.filter((p) => p.severity === 'error');
    if (f !== 'lif_rockpool.nir') {
      assert.deepEqual(errors, [], f);
      continue;
    }
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.code, 'E_SHAPE_MISMATCH');
    assert.match(errors[0]!.message,
      /^1_LIFNeuronTorch\.output \[1\] → output\.input \[1,1,1\]$/);
    assert.match(errors[0]!.path, /^\/graph\/edges\/\d$/);
  }
});

test('ir inspect of the Sinabs CNN shows every shape, ending in IF[10]', async () => {
  const { model, notes } = await load(NIR_PAPER + 'cnn_sinabs.nir');
  const s = describeModel(model, notes);
  const shapes = Object.fromEntries(s.nodes.map((n) => [n.name, `${n.type}[${n.output}]`]));
  assert.deepEqual(shapes, {
    input: 'Input[2,34,34]', 0: 'Conv2d[16,16,16]', 1: 'IF[16,16,16]', 2: 'Conv2d[16,16,16]',
    3: 'IF[16,16,16]', 4: 'SumPool2d[16,8,8]', 5: 'Conv2d[8,8,8]', 6: 'IF[8,8,8]',
    7: 'SumPool2d[8,4,4]', 8: 'Flatten[128]', 9: 'Affine[256]', 10: 'IF[256]', 11: 'Affine[10]',
    12: 'IF[10]', output: 'Output[10]',
  });
  assert.equal(s.nodes.at(-2)!.name, '12');
  assert.equal(s.nirVersion, '0.2.0');
  assert.deepEqual(s.unsaid, { dt: null, integrator: null, reset: null, spikes: null });
  assert.equal(notes.filter((n) => /no v_reset in the file/.test(n)).length, 5);
});

test('the nested Braille graph infers through its ports and keeps float64 neurons ' +
  'with float32 weights', async () => {
  const { model } = await load(NIR_PAPER + 'braille_noDelay_bias_zero_subgraph.nir');
  const v = validateModel(model);
  assert.deepEqual(v.problems.filter((p) => p.severity === 'error'), []);
  assert.deepEqual(v.types.nodes.lif1, { input: [38], output: [38] });
  assert.deepEqual(v.types.nested.lif1!.nodes.lin, { input: [38], output: [38] });
  const inner = model.graph.nodes.lif1!.graph!;
  assert.equal(inner.nodes.lif1!.type, 'CubaLIF');
  assert.equal((inner.nodes.lif1!.params.tau_mem as { dtype: string }).dtype, 'float64');
  assert.equal((inner.nodes.lin!.params.weight as { dtype: string }).dtype, 'float32');
  assert.deepEqual(inner.edges,
    [['input', 'lif1'], ['lif1', 'lin'], ['lin', 'lif1'], ['lif1', 'output']]);
});

test('the snnTorch-style files are recognised as r = τ/dt exports with dt = 1e-4', async () => {
  const { model } = await load(NIR_LIB + 'snn_ff_affine_lif.nir');
  const hints = describeModel(model).hints;
  assert.equal(hints.length, 1);
  assert.match(hints[0]!, /^r = τ\/dt with one dt = 0\.000100000 s: the snnTorch \/ Lava-dl/);
});

test('every nir-lib file reproduces the references its JSON records', async () => {
  for (const f of libFiles) {
    const { model } = await load(NIR_LIB + f);
    const golden = JSON.parse(readFileSync(NIR_LIB + f.replace(/\.nir$/, '.json'), 'utf8'));
    const r = runGolden(model, golden);
    assert.ok(r.ok, `${f}: ${JSON.stringify(r.checks)}`);
    const matched = r.checks.filter((c) => c.status === 'matched').map((c) => c.reference);
    assert.ok(matched.includes('nir_euler'), f);
    if (f.startsWith('snn_')) {
      assert.deepEqual(matched.sort(), ['nir_euler', 'snntorch_import', 'snntorch_native',
        'snntorch_native_reset_zero']);
    }
  }
});
