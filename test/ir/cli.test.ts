import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelToJson } from '../../src/ir/json.js';
import { f64 } from '../../src/ir/tensor.js';
import { NIR_LIB, NIR_PAPER, makeGraph, makeModel, makePort } from './helpers.js';
import { startCliWorker } from '../cli/in-worker.js';

const cli = startCliWorker();
after(() => rmSync(tmp, { recursive: true, force: true }));

const BIN = fileURLToPath(new URL('../../bin/dynalign.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'dynalign-ir-'));

test('ir inspect --json lists shapes, parameter counts and what NIR leaves unsaid', async () => {
  const r = await cli('ir', 'inspect', NIR_PAPER + 'braille_noDelay_bias_zero.nir', '--json');
  assert.equal(r.code, 0);
  const s = JSON.parse(r.out);
  assert.equal(s.nodes.find((n: { name: string }) => n.name === 'lif1.lif').type, 'CubaLIF');
  assert.deepEqual(s.nodes.find((n: { name: string }) => n.name === 'lif2').output, [7]);
  assert.equal(s.parameters, 12 * 38 + 38 + 38 * 38 + 38 + 7 * 38 + 7 + 7 * 38 + 7 * 7);
  assert.deepEqual(s.unsaid, { dt: null, integrator: null, reset: null, spikes: null });
  assert.ok(s.problems.some((p: { code: string }) => p.code === 'W_RESET_UNSTATED'));
});

test('ir validate exits 1 listing each problem with its path and both shapes', async () => {
  const ok = await cli('ir', 'validate', NIR_PAPER + 'cnn_sinabs.nir');
  assert.equal(ok.code, 0);
  assert.match(ok.out, /: valid\n/);
  const bad = await cli('ir', 'validate', NIR_PAPER + 'lif_rockpool.nir');
  assert.equal(bad.code, 1);
  assert.match(bad.out, new RegExp('error E_SHAPE_MISMATCH /graph/edges/\\d: ' +
    '1_LIFNeuronTorch\\.output \\[1\\] → output\\.input \\[1,1,1\\]'));
  assert.match(bad.err,
    /^dynalign: E_INVALID: .*lif_rockpool\.nir: \/graph\/edges\/\d: 1 error\(s\) in the graph/);
});

test('ir convert records the discretisation and round-trips .nir → .json → .nirpb → ' +
  '.nir', async () => {
  const json = join(tmp, 'lif.json');
  const pb = join(tmp, 'lif.nirpb');
  const nir = join(tmp, 'lif.nir');
  const first = await cli('ir', 'convert', NIR_PAPER + 'lif_norse.nir', json, '--dt', '1e-4',
    '--integrator', 'exact', '--reset', 'subtract');
  assert.equal(first.code, 0, first.err);
  assert.equal((await cli('ir', 'convert', json, pb)).code, 0);
  assert.equal((await cli('ir', 'convert', pb, nir)).code, 0);
  const s = JSON.parse((await cli('ir', 'inspect', nir, '--json')).out);
  assert.deepEqual(s.unsaid, { dt: 1e-4, integrator: 'exact', reset: 'subtract', spikes: 'unit' });
  assert.equal(JSON.parse(readFileSync(json, 'utf8')).provenance.sourceFile, 'lif_norse.nir');

  const r = await cli('simulate', nir, '--input', NIR_PAPER + 'lif_exact.csv', '--trace',
    join(tmp, 'trace.csv'), '--json');
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).spikeCounts['1'], 4);
  const ref = readFileSync(NIR_PAPER + 'lif_exact.csv', 'utf8').trim().split('\n');
  const got = readFileSync(join(tmp, 'trace.csv'), 'utf8').trim().split('\n');
  assert.equal(got.length, ref.length);
  got.forEach((line, t) => {
    const [x, v, z] = line.split(',').map(Number);
    const [rx, rv, rz] = ref[t]!.split(',').map(Number);
    assert.ok(x === rx && z === rz && Math.abs(v! - rv!) < 1e-6, `row ${t}`);
  });
});

test('ir convert refuses a bad output extension or option before reading the input', async () => {
  const missing = join(tmp, 'missing.nir');
  const ext = await cli('ir', 'convert', missing, join(tmp, 'out.h5'));
  assert.equal(ext.code, 2);
  assert.match(ext.err, /^dynalign: E_MODEL_FORMAT: .*out\.h5: unknown model file extension/);
  const dt = await cli('ir', 'convert', missing, join(tmp, 'out.json'), '--dt', 'abc');
  assert.match(dt.err, /^dynalign: E_USAGE: --dt: expected a number \(got "abc"\)/);
  const reset = await cli('ir', 'convert', missing, join(tmp, 'out.json'), '--reset', 'soft');
  assert.match(reset.err, /^dynalign: E_USAGE: --reset: unknown value for --reset/);
  assert.ok(!readdirSync(tmp).includes('out.json'));
});

test('ir inspect says a reset rule cannot be said only when the file does not record it',
  async () => {
  const src = NIR_LIB + 'snn_ff_affine_lif.nir';
  const bare = (await cli('ir', 'inspect', src)).out;
  assert.match(bare, /^ {2}reset {8}not stated \(NIR stores none\)$/m);
  assert.match(bare, /^ {2}hint: r = τ\/dt .*reset by subtraction, which the file cannot say$/m);
  assert.match(bare, /^ {2}quantisation none recorded \(float parameters only\)$/m);

  for (const [ext, where] of [['nirpb', '(discretisation)'],
    ['nir', '(metadata/dynalign/discretisation)'], ['json', '("discretisation")']] as const) {
    const out = join(tmp, `recorded.${ext}`);
    assert.equal((await cli('ir', 'convert', src, out, '--dt', '1e-4', '--reset', 'subtract'))
      .code, 0);
    const text = (await cli('ir', 'inspect', out)).out;
    assert.doesNotMatch(text, /cannot say|not stated/, ext);
    assert.ok(text.includes(`  reset        subtract, recorded in this file ${where}\n`), ext);
    assert.match(text, /hint: .*the recorded dt = 0\.0001 s agrees; the file records reset = /);
    const json = JSON.parse((await cli('ir', 'inspect', out, '--json')).out);
    assert.equal(json.format, ext);
    assert.ok(!json.problems.some((p: { code: string }) => p.code === 'W_RESET_UNSTATED'));
  }

  const coarse = join(tmp, 'coarse.nirpb');
  await cli('ir', 'convert', src, coarse, '--dt', '1e-3', '--reset', 'zero');
  assert.match((await cli('ir', 'inspect', coarse)).out, new RegExp('the recorded dt = 0\\.001 ' +
    's differs, so check which one the network was trained with; the file records reset = zero'));
  const norse = join(tmp, 'norse.nirpb');
  await cli('ir', 'convert', NIR_PAPER + 'lif_norse.nir', norse, '--dt', '1e-3');
  assert.match((await cli('ir', 'inspect', norse)).out,
    /hint: r = 1 everywhere: .* The file records dt = 0\.001 s and reset = zero, so no /);
});

test('simulate without a time step is a usage error; an unknown reset names the valid ' +
  'ones', async () => {
  const noDt = await cli('simulate', NIR_PAPER + 'lif_norse.nir', '--steps', '5');
  assert.equal(noDt.code, 2);
  assert.match(noDt.err, /^dynalign: E_USAGE: --dt: the model states no time step; pass --dt/);
  const badReset = await cli('simulate', NIR_PAPER + 'lif_norse.nir', '--steps', '5',
    '--dt', '1e-4', '--reset', 'soft');
  assert.equal(badReset.code, 2);
  assert.match(badReset.err,
    /--reset: unknown value for --reset \(got "soft"\); fix: use one of zero, subtract/);
  const before = await cli('simulate', join(tmp, 'missing.nir'), '--dt', '1e-4', '--reset', 'soft');
  assert.equal(before.code, 2);
  assert.match(before.err, /^dynalign: E_USAGE: --reset: unknown value/, 'checked before reading');
  const warned = await cli('simulate', NIR_PAPER + 'lif_norse.nir', '--steps', '5', '--dt', '1e-4');
  assert.equal(warned.code, 0);
  assert.match(warned.err, /no reset rule stated or given; using NIR's own \(reset to v_reset\)/);
});

test('simulate feeds each Input node its own --input NAME=FILE and refuses to guess',
  async () => {
  // a + 10·b into an integrator (dv/dt = r·I, r = 1): v grows by a + 10·b per unit step.
  const model = makeModel(makeGraph({
    a: makePort('Input', [1]),
    b: makePort('Input', [1]),
    wb: { type: 'Linear', params: { weight: f64([10], [1, 1]) }, metadata: {} },
    int: { type: 'I', params: { r: f64([1]) }, metadata: {} },
    out: makePort('Output', [1]),
  }, [['a', 'int'], ['b', 'wb'], ['wb', 'int'], ['int', 'out']]));
  const file = join(tmp, 'two-inputs.json');
  writeFileSync(file, modelToJson(model));
  writeFileSync(join(tmp, 'a.csv'), '1\n1\n1\n');
  writeFileSync(join(tmp, 'b.csv'), '0.5\n0.5\n0.5\n');
  const trace = join(tmp, 'two-inputs.csv');

  const both = await cli('simulate', file, '--dt', '1', '--input', `b=${join(tmp, 'b.csv')}`,
    '--input', `a=${join(tmp, 'a.csv')}`, '--node', 'int', '--trace', trace);
  assert.equal(both.code, 0, both.err);
  assert.equal(readFileSync(trace, 'utf8'), '1,0.5,6,6\n1,0.5,12,12\n1,0.5,18,18\n');

  const onlyA = await cli('simulate', file, '--dt', '1', '--input', `a=${join(tmp, 'a.csv')}`,
    '--node', 'int', '--trace', trace);
  assert.equal(onlyA.code, 0, onlyA.err);
  assert.match(onlyA.err, /^simulate: Input 'b' is not given with --input; it gets zeros$/m);
  assert.equal(readFileSync(trace, 'utf8'), '1,1,1\n1,2,2\n1,3,3\n');

  const bare = await cli('simulate', file, '--dt', '1', '--input', join(tmp, 'a.csv'));
  assert.equal(bare.code, 2);
  assert.match(bare.err, /^dynalign: E_USAGE: --input: the graph has 2 Input nodes \('a', 'b'\); /);
  assert.match(bare.err, /fix: pass --input NAME=FILE, NAME one of 'a', 'b'$/m);
  const twice = await cli('simulate', file, '--dt', '1', '--input', `a=${join(tmp, 'a.csv')}`,
    '--input', `a=${join(tmp, 'b.csv')}`);
  assert.equal(twice.code, 2);
  assert.match(twice.err, /^dynalign: E_USAGE: --input: Input 'a' is given twice/);
});

test('simulate --golden passes on every nir-lib file', async () => {
  const files = readdirSync(NIR_LIB).filter((f) => f.endsWith('.nir')).map((f) => f.slice(0, -4));
  assert.equal(files.length, 11);
  for (const f of files) {
    const r = await cli('simulate', NIR_LIB + f + '.nir', '--golden', NIR_LIB + f + '.json');
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /^nir_euler +matched/m);
  }
});

test('the real CLI exits 1 when a reference differs and 2 on a file that is not HDF5', () => {
  const golden = JSON.parse(readFileSync(NIR_LIB + 'snn_ff_affine_lif.json', 'utf8'));
  golden.reference.snntorch_native.output_spikes[7][1] ^= 1;
  const tampered = join(tmp, 'tampered.json');
  writeFileSync(tampered, JSON.stringify(golden));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

  const mismatch = run('simulate', NIR_LIB + 'snn_ff_affine_lif.nir', '--golden', tampered);
  assert.equal(mismatch.status, 1, mismatch.stderr);
  assert.match(mismatch.stdout,
    /^snntorch_native +mismatched +output_spikes: value 29: got \d, reference \d$/m);
  assert.match(mismatch.stdout, /^nir_euler +matched/m);
  assert.match(mismatch.stderr, /E_GOLDEN_MISMATCH: .*1 reference\(s\) differ: snntorch_native/);

  const junk = join(tmp, 'junk.nir');
  writeFileSync(junk, 'not a network');
  const bad = run('ir', 'inspect', junk);
  assert.equal(bad.status, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /^dynalign: E_NIR_NOT_HDF5: .*junk\.nir: \/: not an HDF5 file/);
});
