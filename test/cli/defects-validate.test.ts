// Defects a new user found in model and input validation: every verb that loads a model runs
// `ir validate`'s checks (exit 2 naming node, field and value), simulate refuses bad CSVs and
// a reference of another shape as bad input, and ir convert warns about an invalid model.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLeakyModel } from '../../src/ir/build.js';
import { saveModel } from '../../src/io/model-file.js';
import { f64 } from '../../src/ir/tensor.js';
import { startCliWorker } from './in-worker.js';

const cli = startCliWorker();
const SHARED = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dynalign-defects-'));
/** A 3 → 4 → 2 network whose lif1.tau[0] is −0.001 (the trial's negtau.json). */
const NEGTAU = join(dir, 'negtau.json');
const INPUTS = join(dir, 'inputs.json');
const TAU_ERROR = new RegExp('^dynalign: E_FIELD_VALUE: .*negtau\\.json: ' +
  '/graph/nodes/lif1/params/tau: .*tau element 0 is -0\\.001; it must be > 0', 'm');

before(async () => {
  const layer = (nIn: number, nOut: number) => ({ weight: new Float32Array(nIn * nOut).fill(0.5),
    bias: new Float32Array(nOut), nIn, nOut, beta: 0.9, threshold: 1 });
  const disc = { dt: 1e-3, integrator: 'euler', reset: 'subtract', spikes: 'unit' } as const;
  const model = buildLeakyModel([layer(3, 4), layer(4, 2)], disc);
  const tau = Float64Array.of(-0.001, 0.01, 0.01, 0.01);
  model.graph.nodes.lif1!.params.tau = f64(tau);
  await saveModel(NEGTAU, model);
  writeFileSync(INPUTS, JSON.stringify({ data: [[[1, 1, 1]]], labels: [0] }));
});

after(async () => {
  rmSync(dir, { recursive: true, force: true });
});

test('every verb that runs a model refuses one ir validate rejects', async () => {
  const runs = [
    ['emulate', NEGTAU, '--target', 'float', '--input', INPUTS],
    ['emulate', NEGTAU, '--target', 'int', '--quantize', '--input', INPUTS],
    ['emulate', NEGTAU, '--target', 'fpga', '--input', INPUTS],
    ['compile', NEGTAU, '--target', 'fpga', '--no-synth', '--out', join(dir, 'fpga')],
    ['compile', NEGTAU, '--target', 'loihi', '--out', join(dir, 'loihi')],
    ['quantize', NEGTAU, '--target', 'int', '--out', join(dir, 'q.nirpb')],
    ['simulate', NEGTAU, '--steps', '3'],
    ['energy', NEGTAU, '--targets', 'fpga'],
    ['deploy', NEGTAU, '--port', join(dir, 'no-such-port')],
  ];
  for (const args of runs) {
    const r = await cli(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, TAU_ERROR, args.join(' '));
    assert.equal(r.out, '');
  }
  assert.equal(existsSync(join(dir, 'fpga')), false);
  assert.equal(existsSync(join(dir, 'q.nirpb')), false);
});

test('compile refuses misspelt target options with a did-you-mean', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--target', 'fpga', '--lane', '2'], /^dynalign: E_USAGE: --lane: .*did you mean --lanes\?/m],
    [['--target', 'loihi', '--chipp', 'loihi1'],
      /^dynalign: E_USAGE: --chipp: .*did you mean --chip\?/m],
  ];
  for (const [args, pattern] of cases) {
    const r = await cli('compile', NEGTAU, ...args, '--out', join(dir, 'never'));
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, pattern);
  }
});

test('simulate --input refuses an empty CSV, NaN cells and an unannounced header', async () => {
  const model = `${SHARED}nir-lib/nir_li.nir`;
  // nir_li takes 8 values per step; `row('x')` is one step with x in the first column.
  const row = (first: string) => [first, ...Array<string>(7).fill('0')].join(',') + '\n';
  const csv = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const cases: Array<[string, string[], RegExp]> = [
    [csv('empty.csv', ''), [], /^dynalign: E_INPUT_EMPTY: .*empty\.csv: the CSV holds no/m],
    [csv('nan.csv', '# steps\n' + row('NaN') + row('1')), [],
      /^dynalign: E_INPUT_VALUE: .*nan\.csv: line 2: line 2 column 1 is not a finite .*"NaN"/m],
    [csv('late.csv', row('1') + row('2') + row('x')), [],
      /^dynalign: E_INPUT_VALUE: .*late\.csv: line 3: .*\(got "x"\)/m],
    [csv('header.csv', 'a,b,c,d,e,f,g,h\n' + row('1')), [],
      /^dynalign: E_INPUT_VALUE: .*header\.csv: line 1: the first line looks like a header/m],
    [csv('numbers.csv', row('1') + row('2')), ['--header'],
      /^dynalign: E_INPUT_VALUE: .*numbers\.csv: line 1: --header is given but/m],
  ];
  for (const [file, extra, pattern] of cases) {
    const r = await cli('simulate', model, '--dt', '1e-3', '--input', file, ...extra);
    assert.equal(r.code, 2, `${file}: ${r.err}`);
    assert.match(r.err, pattern, file);
  }
  const ok = csv('ok.csv', 'a,b,c,d,e,f,g,h\n' + row('1') + row('0'));
  const announced = await cli('simulate', model, '--dt', '1e-3', '--input', ok, '--header',
    '--json');
  assert.equal(announced.code, 0, announced.err);
  assert.equal((JSON.parse(announced.out) as { steps: number }).steps, 2);
});

test('simulate --golden with a reference of another shape is bad input (exit 2)', async () => {
  const lib = `${SHARED}nir-lib/`;
  const r = await cli('simulate', `${lib}nir_if.nir`, '--golden', `${lib}nir_li.json`);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /^dynalign: E_GOLDEN_SHAPE: .*nir_li\.json: output: the graph gives 120/m);
});

test('ir convert of an invalid model exits 0 with a warning naming ir validate', async () => {
  const out = join(dir, 'rockpool.nirpb');
  const r = await cli('ir', 'convert', `${SHARED}nir-paper/lif_rockpool.nir`, out, '--json');
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.err, /: error E_/);
  assert.match(r.err, new RegExp('warning: the model fails validation \\(1 error\\(s\\), first ' +
    'E_SHAPE_MISMATCH .*`dynalign ir validate .*lif_rockpool\\.nir` lists the errors$', 'm'));
  assert.equal((JSON.parse(r.out) as { validationErrors: number }).validationErrors, 1);
  const v = await cli('ir', 'validate', out);
  assert.equal(v.code, 1);
});
