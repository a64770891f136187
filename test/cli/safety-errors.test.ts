// Output paths are checked before any expensive work, and errors keep one form: one
// `dynalign: E_…` line on stderr, plus one JSON error object on stdout with --json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, saveModel } from '../../src/io/model-file.ts';
import { DISSIPATIVE, runCli } from './safety-run.ts';

const dir = mkdtempSync(join(tmpdir(), 'dl-errors-'));
const pf = join(dir, 'pf');
writeFileSync(pf, 'a file, not a folder');

/** Run and check: exit 2, one stderr line with `code`, and the time it took (ms). */
async function refused(args: string[], code: string): Promise<number> {
  const t0 = Date.now();
  const r = await runCli(args, dir);
  assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
  assert.match(r.stderr, new RegExp(`^dynalign: ${code}: `), args.join(' '));
  assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
  return Date.now() - t0;
}

test('report --out under a file fails before emulating any target', async () => {
  const ms = await refused(['report', '--out', join(pf, 'r.html'), '--limit', '5'], 'E_OUT_PARENT');
  // The emulation of three targets it used to run first takes minutes; the check takes seconds.
  assert.ok(ms < 30_000, `took ${ms} ms`);
});

test('compile, quantize, encode and demo refuse unwritable or mistyped outputs first', async () => {
  await Promise.all([
    refused(['compile', DISSIPATIVE, '--target', 'fpga', '--out', join(pf, 'x')], 'E_OUT_PARENT'),
    refused(['quantize', DISSIPATIVE, '--target', 'int', '--out', 'q.txt'], 'E_OUT_FORMAT'),
    refused(['quantize', DISSIPATIVE, '--target', 'int', '--out', 'pf/q.nirpb'], 'E_OUT_PARENT'),
    refused(['encode', '--dataset', 'mnist', '--out', 'F.txt'], 'E_OUT_FORMAT'),
    refused(['demo', '--out', pf, '--limit', '5'], 'E_OUT_NOT_FOLDER'),
  ]);
  assert.deepEqual(readdirSync(dir), ['pf'], 'nothing was written');
});

test('a missing required option is one E_USAGE line, not commander’s two', async () => {
  await refused(['compile', DISSIPATIVE], 'E_USAGE');
  const r = await runCli(['compile', DISSIPATIVE]);
  const line = /^dynalign: E_USAGE: required option '-t, --target <name>' not specified; fix: /;
  assert.match(r.stderr, line);
  assert.match(r.stderr, /fix: run dynalign compile --help for usage\n$/);
});

test('with --json an error also prints one JSON error object on stdout', async () => {
  const usage = await runCli(['compile', DISSIPATIVE, '--json']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /^dynalign: E_USAGE: /);
  assert.deepEqual(Object.keys(JSON.parse(usage.stdout).error), [
    'code', 'file', 'field', 'value', 'fix', 'message',
  ]);

  const bad = await runCli(['compile', DISSIPATIVE, '--target', 'loihi', '--out', pf, '--json']);
  assert.equal(bad.code, 2);
  const { error } = JSON.parse(bad.stdout);
  assert.equal(error.code, 'E_OUT_NOT_FOLDER');
  assert.equal(error.file, pf);
  assert.equal(error.field, '--out');
  assert.match(error.fix, /folder/);
});

test('a failed check after its --json result prints no second JSON object', async () => {
  const file = join(dir, 'negtau.json');
  const m = await loadModel(DISSIPATIVE);
  (m.graph.nodes.lif1!.params.tau as { data: Float64Array | number[] }).data[0] = -0.001;
  await saveModel(file, m);

  const r = await runCli(['ir', 'validate', file, '--json']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /^dynalign: E_INVALID: /m);
  assert.equal(JSON.parse(r.stdout).valid, false, 'stdout is the one result object');
});

test('demo, energy and report help say --limit takes evenly spaced inputs', async () => {
  for (const verb of ['demo', 'energy', 'report']) {
    const r = await runCli([verb, '--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /first n/, verb);
    const help = r.stdout.replace(/\s+/g, ' ');
    assert.match(help, /--limit <n> \w+ n test inputs evenly spaced/, verb);
  }
});
