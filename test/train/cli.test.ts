import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeEncodedDataset } from '../../src/encoding/dataset-file.js';
import { makeSet } from './helpers.js';

// The CLI entry itself, not bin/dynalign.js: the bin wrapper runs it in a second process,
// which a kill of the wrapper would leave running.
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the CLI; `onStderr` may kill it when a line shows up. */
function cli(args: string[], onStderr?: (text: string, kill: () => void) => void): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), MAIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      onStderr?.(stderr, () => child.kill('SIGKILL'));
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('bad training input exits 2 with one line naming the option, value and fix', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--hidden', '0'], /^dynalign: E_TRAIN_CONFIG: --hidden: .*\(got 0\); fix: /],
    [
      ['--lr', '-1e-3'],
      /^dynalign: E_TRAIN_CONFIG: --lr: learning rate must be > 0 \(got -0\.001\)/,
    ],
    [['--mode', 'expansiv'], /^dynalign: E_UNKNOWN_MODE: --mode: .*did you mean 'expansive'/],
    [['--system', 'lorenzz'], /^dynalign: E_UNKNOWN_SYSTEM: --system: .*did you mean 'lorenz'/],
    [
      ['--mode', 'expansive', '--delta', '2'],
      /^dynalign: E_USAGE: --delta: --mode expansive means/,
    ],
    [['--reset', 'soft'], /^dynalign: E_TRAIN_CONFIG: --reset: unknown reset .*subtract, zero/],
    [
      ['--reducer-fit', 'both'],
      /^dynalign: E_USAGE: --reducer-fit: unknown reducer fit \(got "both"\); fix: .*train, all/,
    ],
  ];
  const runs = await Promise.all(cases.map(([args]) => cli(['train', ...args])));
  runs.forEach((r, i) => {
    assert.equal(r.code, 2, `case ${i}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr.trim(), cases[i]![1]);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
});

test('an --out that cannot be written is refused before any data loads', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dynalign-train-out-'));
  try {
    const file = join(dir, 'pf');
    await writeFile(file, 'not a folder');
    const r = await cli(['train', '--out', join(file, 'm.nirpb')]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^dynalign: E_OUT_PARENT: .*pf/);
    const h = await cli(['train', '--out', join(dir, 'm.txt')]);
    assert.equal(h.code, 2, h.stderr);
    assert.match(h.stderr, /E_OUT_FORMAT/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a dataset file encoded for another δ is refused with exit 2', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dynalign-cli-'));
  try {
    const file = join(dir, 'd2.dynenc');
    const encoder = {
      system: 'mixed-oscillator',
      params: { alpha: 2, beta: 0.1, delta: 2, gamma: 0.1, omega: 1, drive: 0 },
      h: 0.01,
      tmax: 8,
      numSteps: 5,
      nFeatures: 7,
      sigmaLambda: -4,
    };
    const sets = { train: makeSet(20, 5, 21, 1), test: makeSet(10, 5, 21, 2) };
    await writeEncodedDataset(file, sets, encoder, { dataset: 'synthetic' });
    const r = await cli(['train', '--dataset', file, '--mode', 'expansive', '--reducer', 'pca']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /E_DATASET_MISMATCH: .*d2\.dynenc: encoder\.params\.delta: .*\(got 2\)/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a run killed mid-epoch leaves the previous model file untouched', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dynalign-cli-'));
  try {
    const out = join(dir, 'model.nirpb');
    await writeFile(out, 'previous');
    const args = ['train', '--mode', 'dissipative', '--reducer', 'pca', '--limit-train', '300'];
    args.push('--limit-test', '50', '--hidden', '32', '--epochs', '200', '--patience', '200');
    args.push('--out', out, '--cache-dir', join(dir, 'cache'));
    const r = await cli(args, (text, kill) => {
      if (/epoch 2\//.test(text)) kill();
    });
    assert.equal(r.code, null, 'the process was killed');
    assert.match(r.stderr, /epoch 2\//);
    assert.equal(await readFile(out, 'utf8'), 'previous');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
