// `compile --target spinnaker`: artefacts, manifest, escaping, and the bad inputs of issue 6.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { adapter } from '../../../targets/spinnaker/adapter.js';
import { decodeNpy } from '../../../targets/spinnaker/emit/npy.js';
import { schemaValidator } from '../../../src/util/schema.js';
import { saveModel } from '../../../src/io/model-file.js';
import { DynalignError } from '../../../src/util/errors.js';
import { makeChainModel, makeInputs, renameNodes } from './models.js';

const tmp = () => mkdtemp(join(tmpdir(), 'dynalign-spinnaker-'));

test('compile writes the script, manifest, weight, delay and input files', async () => {
  const out = join(await tmp(), 'out');
  const res = await adapter.compile(makeChainModel(12), { outDir: out, inputs: makeInputs(3) });
  for (const f of [
    'run_pynn.py',
    'manifest.json',
    'inputs.npy',
    'currents.npy',
    'currents_bits.npy',
  ]) {
    assert.ok(res.artefacts.includes(f), f);
  }
  const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
  assert.equal(schemaValidator('spinnaker-manifest.schema.json')(manifest), true);
  assert.equal(manifest.samples, 3);
  assert.equal(manifest.ticksPerInference, 5 + 2);
  assert.deepEqual(
    manifest.populations.map((p: { lag: number }) => p.lag),
    [0, 1, 2],
  );

  // The FromList rows, the 16-bit words and the delays agree with each other.
  const proj = manifest.projections[0];
  const rows = decodeNpy(await readFile(join(out, proj.file)));
  const w16 = decodeNpy(await readFile(join(out, proj.w16File)));
  const ticks = decodeNpy(await readFile(join(out, proj.delayTicksFile)));
  assert.deepEqual(rows.shape, [proj.synapses, 4]);
  for (let s = 0; s < proj.synapses; s++) {
    assert.equal(rows.data[s * 4 + 2], w16.data[s]! * proj.lsbNa);
    assert.equal(ticks.data[s], 1);
  }
  const inputs = decodeNpy(await readFile(join(out, 'inputs.npy')));
  assert.deepEqual(inputs.shape, [3, 5, 21]);
  const script = await readFile(join(out, 'run_pynn.py'), 'utf8');
  assert.match(script, new RegExp(`^# Source model sha256: ${manifest.sourceModel.sha256}$`, 'm'));
  assert.match(script, /Do not edit/);
});

test('names from the model never reach the Python source', async () => {
  const hostile = 'x"""\nimport os; os.system("echo pwned") #\'\\';
  const model = renameNodes(makeChainModel(6), { lif1: hostile, fc2: `${hostile}2` });
  const out = join(await tmp(), 'out');
  await adapter.compile(model, { outDir: out, inputs: makeInputs(1) });
  const script = await readFile(join(out, 'run_pynn.py'), 'utf8');
  assert.ok(!script.includes('pwned'));
  assert.ok(!script.includes(hostile));
  const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
  assert.equal(manifest.layers[0].name, hostile);
  for (const p of manifest.populations) assert.match(p.label, /^layer\d+$/);
  const py = spawnSync('/usr/bin/python3', ['-m', 'py_compile', join(out, 'run_pynn.py')]);
  assert.equal(py.status, 0, String(py.stderr));
});

/** Run a compile that must fail; returns the error and the folder's entries afterwards. */
async function failingCompile(model = makeChainModel(8), options: Record<string, string> = {}) {
  const out = join(await tmp(), 'out');
  await mkdir(out);
  await writeFile(join(out, 'keep.txt'), 'previous artefacts');
  let error: unknown;
  try {
    await adapter.compile(model, { outDir: out, inputs: makeInputs(2), options });
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof DynalignError, `expected a DynalignError, got ${String(error)}`);
  assert.equal(error.exitCode, 2);
  assert.deepEqual(await readdir(out), ['keep.txt']);
  return error;
}

test('a weight range that zeroes too many weights is refused and nothing is written', async () => {
  const model = makeChainModel(8);
  const fc2 = model.graph.nodes.fc2!.params.weight as { data: Float32Array };
  fc2.data.fill(0.001);
  fc2.data[0] = 100;
  const err = await failingCompile(model);
  assert.equal(err.code, 'E_SPINNAKER_WEIGHTS');
  assert.match(err.format(), /fc2_to_|layer0_to_layer1_exc.*round to zero.*--max-zeroed-share/);
});

test('a delay that needs delay-extension cores is refused', async () => {
  const err = await failingCompile(makeChainModel(8), { delay: '5000' });
  assert.equal(err.code, 'E_SPINNAKER_DELAY');
  assert.match(err.format(), /delay-extension.*≤ 1024 ticks/);
});

test('the longest on-core delay compiles and one tick more is refused', async () => {
  // The 10 output neurons on a core: 4 atom bits + 1 type bit leave 9 delay bits, 2^9 ticks
  // (docs §1.7); the 8-neuron layers would hold 2^10.
  const out = join(await tmp(), 'out');
  const options = { delay: '512' };
  await adapter.compile(makeChainModel(8), { outDir: out, inputs: makeInputs(1), options });
  const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
  const proj = manifest.projections.find((p: { synapses: number }) => p.synapses > 0);
  const ticks = decodeNpy(await readFile(join(out, proj.delayTicksFile)));
  assert.ok(ticks.data.every((t) => t === 512));
  const err = await failingCompile(makeChainModel(8), { delay: '513' });
  assert.equal(err.code, 'E_SPINNAKER_DELAY');
  assert.match(err.format(), /into layer2.*delay-extension.*≤ 512 ticks .*10 neurons per core/);
  // 256 neurons on a core leave 5 delay bits: 33 ticks already need an extension core.
  const wide = await failingCompile(makeChainModel(256), { delay: '33' });
  assert.match(wide.format(), /≤ 32 ticks/);
});

test('a network too large for the board is refused', async () => {
  const err = await failingCompile(makeChainModel(400), { neuronsPerCore: '1' });
  assert.equal(err.code, 'E_PLACEMENT');
  assert.match(err.format(), /cannot be placed.*768 available/);
});

test('the CLI exits 2 with one line naming field, value and fix', async () => {
  const dir = await tmp();
  await saveModel(join(dir, 'm.nirpb'), makeChainModel(8));
  await adapter.compile(makeChainModel(8), { outDir: join(dir, 'a'), inputs: makeInputs(2) });
  const run = spawnSync(
    process.execPath,
    [
      'bin/dynalign.js',
      'emulate',
      join(dir, 'm.nirpb'),
      '--target',
      'spinnaker',
      '--input',
      join(dir, 'a', 'inputs.npy'),
      '--delay',
      '5000',
    ],
    { encoding: 'utf8' },
  );
  assert.equal(run.status, 2, run.stderr);
  const lines = run.stderr
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('dynalign:'));
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0]!, /E_SPINNAKER_DELAY: --delay .*\(got 5000\); fix: /);
});

test('spikes mode with IF_curr_exp writes a valid manifest and the host spikes', async () => {
  const out = join(await tmp(), 'out');
  const res = await adapter.compile(makeChainModel(12), {
    outDir: out,
    inputs: makeInputs(3),
    options: { inputMode: 'spikes', cell: 'IF_curr_exp' },
  });
  assert.ok(res.artefacts.includes('source_spikes.npy'));
  const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
  assert.equal(schemaValidator('spinnaker-manifest.schema.json')(manifest), true);
  assert.equal(manifest.input.sourceSize, 12);
  assert.deepEqual(
    manifest.populations.map((p: { lag: number }) => p.lag),
    [1, 2],
  );
  assert.equal(manifest.populations[0].chip.syn_decay.length, 2);
  assert.equal(manifest.projections[0].pre, -1);
  const spikes = decodeNpy(await readFile(join(out, 'source_spikes.npy')));
  assert.equal(spikes.shape[1], 3);
});
