// A sweep stopped by SIGTERM stops its training children too: none keeps training orphaned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/dynalign.js', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** PIDs of the direct children of pid (procps pgrep). */
function childrenOf(pid: number): number[] {
  const r = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l.trim() !== '').map(Number);
}

const alive = (pid: number) => spawnSync('kill', ['-0', String(pid)]).status === 0;

test('SIGTERM to a sweep ends its training children', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dynalign-sweep-sig-'));
  const args = ['sweep', '--deltas', '2', '--runs', '1', '--reducer', 'pca', '--hidden', '8',
    '--depth', '1', '--epochs', '10000', '--patience', '10000', '--limit-train', '200',
    '--limit-test', '20', '--cache-dir', join(dir, 'cache'), '--out', join(dir, 'sweep')];
  const sweep = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore' });
  try {
    // Wait for the training child to start (it loads data first, so allow a while).
    let kids: number[] = [];
    for (let i = 0; i < 600 && kids.length === 0; i++) {
      await sleep(100);
      kids = childrenOf(sweep.pid!);
    }
    assert.ok(kids.length > 0, 'the sweep never started a training child');

    const exited = new Promise<number | null>((r) => sweep.once('exit', (code) => r(code)));
    sweep.kill('SIGTERM');
    assert.equal(await exited, 143);
    for (let i = 0; i < 100 && kids.some(alive); i++) await sleep(100);
    assert.deepEqual(kids.filter(alive), [], 'training children outlived the sweep');
  } finally {
    sweep.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});
