// A signal during an atomic folder write removes the temporary folder and exits 128 + signo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./in-flight-child.ts', import.meta.url));

/** Start the child, wait until its build is under way, send `signal`, return its exit code. */
async function interrupt(signal: NodeJS.Signals): Promise<{ code: number | null; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'dl-signal-'));
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, join(dir, 'out')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ready) => child.stdout.once('data', () => ready()));
  assert.equal(readdirSync(dir).length, 1, 'the temporary folder exists while building');

  child.kill(signal);
  const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
  return { code, dir };
}

test('SIGINT during a compile-style write leaves no .out.tmp-* folder and exits 130', async () => {
  const { code, dir } = await interrupt('SIGINT');
  assert.equal(code, 130);
  assert.deepEqual(readdirSync(dir), []);
});

test('SIGTERM does the same and exits 143', async () => {
  const { code, dir } = await interrupt('SIGTERM');
  assert.equal(code, 143);
  assert.deepEqual(readdirSync(dir), []);
});
