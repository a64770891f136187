import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceClient } from '../../src/bridge/client.js';
import { deployModel } from '../../src/bridge/deploy.js';
import { startBench } from '../../src/bridge/harness.js';
import { buildDeployment } from '../../src/bridge/program.js';
import { openPtyPair } from '../../src/bridge/pty.js';
import { DynalignError } from '../../src/util/errors.js';
import { DEMO_TARGET, makeDemoModel } from './helpers.js';

const LINK = { baudRate: 1000000, timeoutMs: 100, retries: 2 };

async function codeOf(p: Promise<unknown>): Promise<DynalignError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(err instanceof DynalignError, `expected a DynalignError, got ${String(err)}`);
  assert.equal(err.exitCode, 2);
  return err;
}

test('a port that does not exist is refused with the fix', async () => {
  const err = await codeOf(DeviceClient.connect('/tmp/no-such-dynalign-port', LINK));
  assert.equal(err.code, 'E_PORT_MISSING');
  assert.match(
    err.format(),
    new RegExp(
      '^dynalign: E_PORT_MISSING: --port: serial port does not exist ' +
        '\\(got "/tmp/no-such-dynalign-port"\\); fix: .*device serve',
    ),
  );
});

test('a port with nothing behind it (no HELLO) is reported as no device', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dynalign-nodev-'));
  const pair = await openPtyPair(join(dir, 'a'), join(dir, 'b'));
  try {
    const err = await codeOf(DeviceClient.connect(pair.b, LINK));
    assert.equal(err.code, 'E_NO_DEVICE');
    assert.match(err.message, /^no dynalign device answered HELLO \(\d+ tries in [\d.]+ s\)$/);
  } finally {
    await pair.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a device of another protocol version refuses clearly, naming both versions', async () => {
  const bench = await startBench({ backend: 'ref', claimVersion: 2 });
  try {
    const err = await codeOf(DeviceClient.connect(bench.port, LINK));
    assert.equal(err.code, 'E_PROTOCOL_VERSION');
    assert.match(err.message, /^the device speaks protocol version 2, this dynalign speaks 1$/);
  } finally {
    await bench.stop();
  }
});

test('a busy port and a network larger than the device memory are refused', async () => {
  const bench = await startBench({ backend: 'ref', configBytes: 1024 });
  try {
    const holder = await DeviceClient.connect(bench.port, LINK);
    const busy = await codeOf(DeviceClient.connect(bench.port, LINK));
    assert.equal(busy.code, 'E_PORT_BUSY');
    await holder.close();

    // The host refuses before uploading; the device refuses too when asked anyway.
    const host = await codeOf(
      deployModel(makeDemoModel(), { port: bench.port, ...LINK, targetOptions: DEMO_TARGET }),
    );
    assert.equal(host.code, 'E_DEVICE_MEMORY');
    assert.match(host.format(), /configuration memory \(bytes\): needs 1288, device has 1024/);
    const client = await DeviceClient.connect(bench.port, LINK);
    try {
      const blob = buildDeployment(makeDemoModel(), DEMO_TARGET).blob;
      const dev = await codeOf(client.upload(blob));
      assert.equal(dev.code, 'E_DEVICE_MEMORY');
      assert.match(
        dev.message,
        /network \(1288 bytes\) is larger than the device memory \(1024 bytes\)/,
      );
    } finally {
      await client.close();
    }
  } finally {
    await bench.stop();
  }
});
