// End to end: the demo verb on two tiny networks trained here (PCA features, 16 hidden units),
// all three targets, a handful of test inputs; then the bad-input paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const root = mkdtempSync(join(tmpdir(), 'dynalign-demo-'));
const models = join(root, 'models');
const cache = join(root, 'cache');
const env = { DYNALIGN_CACHE_DIR: cache };

function cli(args: string[]) {
  return execa(process.execPath, ['bin/dynalign.js', ...args], { reject: false, env });
}

async function trainTiny(mode: string): Promise<void> {
  const r = await cli([
    'train',
    '--mode',
    mode,
    '--reducer',
    'pca',
    '--hidden',
    '16',
    '--depth',
    '1',
    '--epochs',
    '1',
    '--limit-train',
    '300',
    '--limit-test',
    '40',
    '--out',
    join(models, `${mode}.nirpb`),
    '--quiet',
    '--json',
  ]);
  assert.equal(r.exitCode, 0, r.stderr);
}

test('demo runs both modes through every target and writes artefacts and a report', async () => {
  await trainTiny('dissipative');
  await trainTiny('expansive');
  const out = join(root, 'out');
  const r = await cli(['demo', '--models', models, '--limit', '12', '--out', out, '--json']);
  assert.equal(r.exitCode, 0, r.stderr);
  const result = JSON.parse(r.stdout);

  assert.deepEqual(
    result.modes.map((m: { mode: string }) => m.mode),
    ['dissipative', 'expansive'],
  );
  const [dis, exp] = result.modes;
  assert.equal(dis.sigmaLambda, -4);
  assert.equal(exp.sigmaLambda, 3);
  for (const m of result.modes) {
    assert.ok(m.floatAccuracy >= 0 && m.floatAccuracy <= 1);
    assert.ok(m.quantizedAccuracy >= 0 && m.quantizedAccuracy <= 1);
    for (const t of ['loihi', 'spinnaker', 'fpga', 'annEquivalent']) {
      assert.ok(m.energyPerInferenceJ[t] > 0, `${m.mode} ${t}`);
    }
    for (const t of ['loihi', 'spinnaker', 'fpga']) {
      assert.ok(m.artefacts[t].length > 0, `${m.mode} ${t} artefacts`);
      for (const f of m.artefacts[t]) assert.ok(existsSync(f), f);
    }
    assert.ok(existsSync(join(out, m.mode, 'model.nirpb')));
  }
  assert.ok(existsSync(join(out, m0(result), 'loihi', 'network.net')));
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  assert.match(html, /<svg/);
});

function m0(result: { modes: Array<{ mode: string }> }): string {
  return result.modes[0]!.mode;
}

test('an unknown target is a usage error with a did-you-mean, and nothing is written', async () => {
  const out = join(root, 'bad-target');
  const r = await cli(['demo', '--targets', 'lohi', '--out', out]);
  assert.equal(r.exitCode, 2);
  assert.match(r.stderr, /unknown target.*"lohi".*did you mean 'loihi'/);
  assert.equal(existsSync(out), false);
});

test('a missing models folder names the file and exits 2', async () => {
  const out = join(root, 'no-models');
  const r = await cli(['demo', '--models', join(root, 'nowhere'), '--out', out]);
  assert.equal(r.exitCode, 2);
  assert.match(r.stderr, /E_MODEL_MISSING: .*nowhere.*dissipative\.nirpb/);
  assert.equal(existsSync(out) ? readdirSync(out).length : 0, 0);
});

test('a corrupt model file is reported as corrupt, not as a crash', async () => {
  const dir = join(root, 'corrupt');
  await execa('mkdir', ['-p', dir]);
  await execa('sh', ['-c', `head -c 300 /dev/urandom > ${join(dir, 'dissipative.nirpb')}`]);
  const r = await cli(['demo', '--models', dir, '--out', join(root, 'corrupt-out')]);
  assert.equal(r.exitCode, 2);
  assert.match(r.stderr, /E_MODEL_CORRUPT/);
});

test('demo --retrain trains again with the configuration recorded in the models', async () => {
  const out = join(root, 'retrain');
  const r = await cli([
    'demo',
    '--models',
    models,
    '--retrain',
    '--limit',
    '8',
    '--targets',
    'fpga',
    '--out',
    out,
    '--json',
  ]);
  assert.equal(r.exitCode, 0, r.stderr);
  const { loadModel } = await import('../../src/io/model-file.js');
  for (const mode of ['dissipative', 'expansive']) {
    const shipped = await loadModel(join(models, `${mode}.nirpb`));
    const again = await loadModel(join(out, mode, 'model.nirpb'));
    for (const k of ['hidden', 'depth', 'epochs', 'lr', 'seed', 'reset', 'loss']) {
      assert.equal(again.training!.config[k], shipped.training!.config[k], `${mode} ${k}`);
    }
    assert.deepEqual(again.encoder, shipped.encoder);
    // Trained on the whole training split this time, not the 300-image subset.
    assert.match(again.training!.split, /7\d\d\d fit|\(7/);
  }
});
