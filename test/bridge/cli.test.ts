import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { saveModel } from '../../src/io/model-file.js';
import { waitFor } from '../../src/bridge/pty.js';
import { makeDemoModel } from './helpers.js';

const BIN = new URL('../../bin/dynalign.js', import.meta.url).pathname;
// `device serve` runs the CLI directly so SIGTERM reaches it (bin/ wraps it in spawnSync).
const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const exists = (p: string) =>
  lstat(p).then(
    () => true,
    () => false,
  );

test('device serve, device info, deploy and verify --port work from the command line', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dynalign-cli-'));
  const link = join(dir, 'dev');
  const model = join(dir, 'demo.nirpb');
  await saveModel(model, makeDemoModel());
  const serve = execa('node', ['--import', 'tsx', MAIN, 'device', 'serve', '--link', link], {
    reject: false,
    forceKillAfterDelay: 30_000,
  });
  try {
    assert.ok(await waitFor(() => exists(link), 60_000), 'device serve did not create the link');

    // info: one JSON object on stdout, nothing else.
    const info = await execa('node', [BIN, 'device', 'info', '--port', link, '--json']);
    assert.equal(JSON.parse(info.stdout).backend, 'ref');

    // deploy and verify: results on stdout, exit 0.
    const dep = await execa('node', [
      BIN,
      'deploy',
      model,
      '--port',
      link,
      '--input-scale',
      '0.03',
    ]);
    assert.match(dep.stdout, /^deployed .* to ref device on .*\n  2 layers, 12 inputs, 10 outputs/);
    const ver = await execa('node', [BIN, 'verify', model, '--port', link, '--random', '40']);
    assert.match(ver.stdout, /^device matches the emulator on 40 inputs/);
    assert.match(ver.stdout, /measured: \d+ cycles/);
  } finally {
    serve.kill('SIGTERM');
    await serve;
  }
  const leftover = await exists(link);
  await rm(dir, { recursive: true, force: true });
  assert.equal(leftover, false, 'device serve left its pty link behind');
});

test('a missing port is one line on stderr and exit 2, with nothing on stdout', async () => {
  const r = await execa('node', [BIN, 'device', 'info', '--port', '/tmp/no-such-port-dl'], {
    reject: false,
  });
  assert.equal(r.exitCode, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^dynalign: E_PORT_MISSING: --port: serial port does not exist/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});

test('an unknown back end gets a did-you-mean and exit 2', async () => {
  const args = ['device', 'serve', '--backend', 'rtx', '--link', '/tmp/x'];
  const r = await execa('node', [BIN, ...args], { reject: false });
  assert.equal(r.exitCode, 2);
  assert.match(r.stderr, /E_USAGE: --backend: unknown firmware back end \(got "rtx"\)/);
  assert.match(r.stderr, /fix: did you mean 'rtl'\? use one of ref, rtl$/m);
});
