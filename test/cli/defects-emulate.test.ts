// Defects a new user found in `dynalign emulate` (and the verbs sharing its checks): --limit as an
// evenly spaced subset with silent outputs counted, target options checked with a did-you-mean
// before any data loads, what a target cannot record refused, and no inputs named as such.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLeakyModel } from '../../src/ir/build.js';
import { saveModel } from '../../src/io/model-file.js';
import { spacedSubset } from '../../src/encoding/subset.js';
import { startCliWorker } from './in-worker.js';

const cli = startCliWorker();
const dir = mkdtempSync(join(tmpdir(), 'dynalign-defects-'));
const MODEL = join(dir, 'silent.json');
const INPUTS = join(dir, 'inputs.json');
const MISSING = '/nonexistent/model.nirpb';
/** 20 class-ordered inputs (labels 0,0,1,1,…,9,9), all zero, so no layer ever spikes. */
const N = 20;

before(async () => {
  const nIn = 3;
  const nOut = 10;
  const weight = new Float32Array(nOut * nIn).map((_, i) => ((i * 7) % 5) / 5 - 0.3);
  const layer = { weight, bias: new Float32Array(nOut), nIn, nOut, beta: 0.9, threshold: 1 };
  const disc = { dt: 1e-3, integrator: 'euler', reset: 'subtract', spikes: 'unit' } as const;
  await saveModel(MODEL, buildLeakyModel([layer], disc));
  const data = Array.from({ length: N }, () => Array.from({ length: 5 }, () => [0, 0, 0]));
  const labels = Array.from({ length: N }, (_, i) => Math.floor(i / 2));
  writeFileSync(INPUTS, JSON.stringify({ data, labels }));
});

after(async () => {
  rmSync(dir, { recursive: true, force: true });
});

test('spacedSubset takes every (n/N)-th input with its label, the whole set when N >= n', () => {
  const set = { n: 6, steps: 1, channels: 1, data: Float32Array.of(0, 1, 2, 3, 4, 5),
    labels: Uint8Array.of(0, 0, 1, 1, 2, 2) };
  const sub = spacedSubset(set, 3);
  assert.deepEqual(Array.from(sub.data), [0, 2, 4]);
  assert.deepEqual(Array.from(sub.labels!), [0, 1, 2]);
  assert.equal(spacedSubset(set, 6), set);
  assert.equal(spacedSubset(set, undefined), set);
});

test('--limit is evenly spaced on every target, and silent outputs are counted', async () => {
  for (const target of ['float', 'int', 'fpga', 'loihi', 'spinnaker']) {
    const extra = target === 'int' ? ['--quantize'] : [];
    const r = await cli('emulate', MODEL, '--target', target, '--input', INPUTS, '--limit', '2',
      '--workers', '1', '--json', ...extra);
    assert.equal(r.code, 0, `${target}: ${r.err}`);
    const j = JSON.parse(r.out) as { n: number; accuracy: number; silentOutputs: number };
    // Inputs 0 and 10 (labels 0 and 5); the first two (both label 0) would score 100 %.
    assert.equal(j.n, 2, target);
    assert.equal(j.accuracy, 0.5, target);
    assert.equal(j.silentOutputs, 2, target);
  }
  const text = await cli('emulate', MODEL, '--target', 'float', '--input', INPUTS,
    '--workers', '1');
  assert.match(text.out, /^float: 20 inputs × 5 steps, accuracy 10\.00 %, 20 silent output\(s\)/m);
});

test('misspelt target options exit 2 with a did-you-mean before the model is read', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--target', 'fpga', '--lane', '2'],
      /^dynalign: E_USAGE: --lane: unknown fpga option \(got "2"\); fix: did you mean --lanes\?/m],
    [['--target', 'loihi', '--chipp', 'loihi1'],
      /^dynalign: E_USAGE: --chipp: unknown loihi option .*did you mean --chip\?/m],
    [['--target', 'spinnaker', '--neuron-per-core', '64'],
      /^dynalign: E_USAGE: --neuron-per-core: .*did you mean --neurons-per-core\?/m],
    [['--target', 'int', '--quantize', '--weight-bit', '4'],
      /^dynalign: E_USAGE: --weight-bit: .*did you mean --weight-bits\?/m],
  ];
  for (const [args, pattern] of cases) {
    const r = await cli('emulate', MISSING, ...args, '--dataset', 'mnist-test');
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, pattern);
  }
  const q = await cli('quantize', MISSING, '--target', 'int', '--weigth-bits', '4', '--out',
    join(dir, 'q.nirpb'));
  assert.equal(q.code, 2, q.err);
  assert.match(q.err, /^dynalign: E_USAGE: --weigth-bits: .*did you mean --weight-bits\?/m);
});

test('what a target cannot record or compare is refused before the inputs load', async () => {
  const trace = join(dir, 'trace.csv');
  const cases: Array<[string[], RegExp]> = [
    [['--target', 'fpga', '--trace', trace], /^dynalign: E_USAGE: --trace: /m],
    [['--target', 'loihi', '--trace', trace], /^dynalign: E_USAGE: --trace: membrane traces/m],
    [['--target', 'spinnaker', '--trace', trace], /^dynalign: E_USAGE: --trace: membrane/m],
    [['--target', 'fpga', '--record', trace, '--trace-layer', 'lif1'],
      /^dynalign: E_USAGE: --trace-layer: /m],
    [['--target', 'fpga', '--agreement'], /^dynalign: E_USAGE: --agreement: /m],
    [['--target', 'spinnaker', '--agreement'], /^dynalign: E_USAGE: --agreement: /m],
    [['--target', 'float', '--agreement'], /^dynalign: E_USAGE: --agreement: /m],
  ];
  for (const [args, pattern] of cases) {
    const r = await cli('emulate', MISSING, ...args, '--dataset', 'mnist-test');
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, pattern, args.join(' '));
    assert.equal(existsSync(trace), false);
  }
});

test('--record writes the spike CSV on loihi and fpga', async () => {
  for (const target of ['loihi', 'fpga']) {
    const file = join(dir, `spikes-${target}.csv`);
    const r = await cli('emulate', MODEL, '--target', target, '--input', INPUTS, '--limit', '2',
      '--workers', '1', '--record', file);
    assert.equal(r.code, 0, r.err);
    assert.match(readFileSync(file, 'utf8'), /sample,step,layer,neuron/);
  }
});

test('a target run without --dataset or --input says no inputs were given', async () => {
  for (const target of ['fpga', 'loihi', 'spinnaker', 'float']) {
    const r = await cli('emulate', MODEL, '--target', target);
    assert.equal(r.code, 2, `${target}: ${r.err}`);
    assert.match(r.err,
      /^dynalign: E_USAGE: --dataset: no inputs given; fix: pass --dataset mnist-test or --input/m);
  }
});
