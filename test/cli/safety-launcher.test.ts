// bin/dynalign.js runs the CLI in its own process: a signal sent to the launcher's PID reaches
// the CLI, which stops the firmware it started and removes its pty links (no orphans).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './safety-run.ts';

const FIRMWARE = join(ROOT, 'firmware-bridge', 'build', 'dynalign-fw');
const HAS_SOCAT = spawnSync('socat', ['-V']).status === 0;
const skip = !existsSync(FIRMWARE) || !HAS_SOCAT ? 'needs the built firmware and socat' : false;

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const TITLE = 'SIGINT to the launcher PID of `device serve` leaves no firmware or pty link';

test(TITLE, { skip }, async () => {
  const link = join(mkdtempSync(join(tmpdir(), 'dl-launcher-')), 'dev');
  const launcher = spawn(process.execPath, [join(ROOT, 'bin/dynalign.js'), 'device', 'serve',
    '--link', link, '--json'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  await new Promise<void>((ready) =>
    launcher.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.trim().endsWith('}')) ready();
    }),
  );
  const { firmwarePid } = JSON.parse(out) as { firmwarePid: number };
  assert.ok(isAlive(firmwarePid) && existsSync(link), 'the device is up');

  launcher.kill('SIGINT');
  await new Promise((done) => launcher.on('exit', done));
  await new Promise((r) => setTimeout(r, 1000));
  const orphan = isAlive(firmwarePid);
  if (orphan) process.kill(firmwarePid, 'SIGTERM');
  assert.equal(orphan, false, 'the firmware outlived the launcher');
  assert.equal(existsSync(link), false, 'the pty link outlived the launcher');
});
