// Through the CLI a user runs: a golden file passes (exit 0), a changed one fails at its first
// difference (exit 1); compile writes the artefacts, and a model that cannot be placed exits 2
// with nothing written; lif_norse.nir under the NIR Lava-example convention writes Lava's trace.
// The runs start together to keep the suite short.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveModel } from '../../../src/io/model-file.ts';
import { FIXTURES, ROOT, makeLeakyModel, tempDir } from './helpers.ts';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bin/dynalign.js'), ...args],
      { cwd: ROOT, timeout: 120_000 },
      (err, stdout, stderr) => {
        done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

test('emulate --golden, and compile, as a user runs them', async () => {
  const dir = tempDir();
  const leaky = `${FIXTURES}/loihi-lava/loihi_ff_leaky.json`;
  const changed = join(dir, 'changed.json');
  const g = JSON.parse(readFileSync(leaky, 'utf8'));
  g.outputs.traces_tn.lif1.v[20][5] += 1;
  writeFileSync(changed, JSON.stringify(g));

  const model = join(dir, 'm.nirpb');
  await saveModel(model, makeLeakyModel([21, 12, 10], 3));
  const wide = join(dir, 'wide.nirpb');
  await saveModel(wide, makeLeakyModel([21, 4200, 10], 3, 1));

  const paper = `${FIXTURES}/nir-paper`;
  const trace = join(dir, 'OUT.csv');
  const nirRun = ['emulate', `${paper}/lif_norse.nir`, '--target', 'loihi'];
  const nirOptions = ['--convention', 'nir-lava-example', '--input', `${paper}/lif_exact.csv`];
  const [pass, fail, built, refused, nir] = await Promise.all([
    cli(['emulate', '--target', 'loihi', '--golden', leaky, '--json']),
    cli(['emulate', '--target', 'loihi', '--golden', changed]),
    cli(['compile', model, '--target', 'loihi', '--out', join(dir, 'out'), '--json']),
    cli(['compile', wide, '--target', 'loihi', '--out', join(dir, 'bad')]),
    cli([
      ...nirRun,
      ...nirOptions,
      '--trace',
      trace,
      '--expect',
      `${paper}/lif_lava_cpu_fixed.csv`,
    ]),
  ]);
  assert.equal(pass.code, 0, pass.stderr);
  assert.equal(JSON.parse(pass.stdout).check.passed, true);
  assert.equal(fail.code, 1);
  assert.match(fail.stderr, /step 21, layer lif1, neuron 5: v is -?\d+, Lava's is -?\d+/);
  assert.equal(built.code, 0, built.stderr);
  assert.deepEqual(readdirSync(join(dir, 'out')).sort(), [
    'manifest.json',
    'network.net',
    'run_lava.py',
  ]);
  assert.ok(JSON.parse(built.stdout).notes.some((n: string) => /no inputs shipped/.test(n)));
  assert.equal(refused.code, 2);
  assert.match(
    refused.stderr,
    /E_LOIHI_MAPPING: .*wide\.nirpb: layers\/lif2: .* on loihi2 cores: fan-in 4200 > 4096/,
  );
  assert.equal(existsSync(join(dir, 'bad')), false);
  assert.equal(nir.code, 0, nir.stderr);
  assert.match(nir.stdout, /check: passed: all 1000 steps equal/);
  assert.equal(
    readFileSync(trace, 'utf8'),
    readFileSync(`${paper}/lif_lava_cpu_fixed.csv`, 'utf8'),
  );
});
