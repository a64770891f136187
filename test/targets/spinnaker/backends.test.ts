// run_pynn.py's backends other than brian2: NEST is not packaged in Debian and sPyNNaker needs a
// board, so neither can run here; the script must then stop with a message that names what is
// missing and how to get it (exit 2), and write no spike file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { adapter } from '../../../targets/spinnaker/adapter.js';
import { makeChainModel, makeInputs } from './models.js';

/** A compiled small network and a module folder for PYTHONPATH whose `nest` will not import. */
async function compiled(): Promise<{ out: string; shadow: string }> {
  const root = await mkdtemp(join(tmpdir(), 'dynalign-backends-'));
  const out = join(root, 'art');
  await adapter.compile(makeChainModel(6), { outDir: out, inputs: makeInputs(1) });
  const shadow = join(root, 'shadow');
  await mkdir(join(shadow, 'nest'), { recursive: true });
  const broken = 'raise ImportError("No module named \'nest\' (shadowed by the test)")\n';
  await writeFile(join(shadow, 'nest', '__init__.py'), broken);
  return { out, shadow };
}

function runScript(out: string, backend: string, env: NodeJS.ProcessEnv = process.env) {
  const args = [join(out, 'run_pynn.py'), '--backend', backend, '--out', join(out, 'x.csv')];
  return spawnSync('/usr/bin/python3', args, { encoding: 'utf8', env, timeout: 120_000 });
}

test('--backend nest without pyNN.nest exits 2 naming the module and the fix', async () => {
  const { out, shadow } = await compiled();
  const run = runScript(out, 'nest', { ...process.env, PYTHONPATH: shadow });
  assert.equal(run.status, 2, run.stderr);
  const head = /^run_pynn\.py: --backend nest needs pyNN\.nest, which cannot be imported \(.+\)\./;
  assert.match(run.stderr, new RegExp(`${head.source}\\nfix: install NEST 3 .*; or dry-run with `));
  assert.match(run.stderr, /or dry-run with --backend brian2\.\n$/);
  assert.ok(!(await readdir(out)).includes('x.csv'), 'no spike file is written');
});

test('--backend spiNNaker without sPyNNaker exits 2 with the install hint', async () => {
  const { out, shadow } = await compiled();
  await mkdir(join(shadow, 'pyNN'));
  await writeFile(join(shadow, 'pyNN', '__init__.py'), '');
  const run = runScript(out, 'spiNNaker', { ...process.env, PYTHONPATH: shadow });
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /--backend spiNNaker needs pyNN\.spiNNaker, .*\nfix: install sPyNNaker/);
});

test('compile --backend nest makes NEST the default and says that path is unverified', async () => {
  const out = join(await mkdtemp(join(tmpdir(), 'dynalign-backends-')), 'art');
  const res = await adapter.compile(makeChainModel(6), {
    outDir: out,
    inputs: makeInputs(1),
    options: { backend: 'nest' },
  });
  assert.ok(res.notes.some((n) => /defaults to NEST, on which dynalign has not run it/.test(n)));
  const script = await readFile(join(out, 'run_pynn.py'), 'utf8');
  assert.match(script, /choices=BACKENDS, default="nest"/);
});
