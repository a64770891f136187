import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startBench } from '../../src/bridge/harness.js';
import { verifyOnDevice } from '../../src/bridge/verify.js';
import { DeviceClient } from '../../src/bridge/client.js';
import { compareRuns } from '../../src/bridge/compare.js';
import { crc32 } from '../../src/bridge/crc32.js';
import { buildDeployment, emulateTrace, inputCodes } from '../../src/bridge/program.js';
import { DEMO_TARGET, makeDemoModel, makeInputs } from './helpers.js';

// A pty ignores the baud rate; the highest one keeps the UART allowance in the timeouts small.
const LINK = { baudRate: 1000000 };

test('the ref firmware on a pty matches the emulator on 200 inputs, spike for spike', async () => {
  const bench = await startBench({ backend: 'ref' });
  try {
    const r = await verifyOnDevice(makeDemoModel(), makeInputs(200), {
      port: bench.port,
      ...LINK,
      targetOptions: DEMO_TARGET,
    });
    assert.equal(r.check.passed, true, r.check.firstDifference);
    assert.equal(r.comparison.matching, 200);
    assert.ok(r.comparison.spikesCompared > 1000, 'the demo network must actually spike');
    assert.equal(r.measured.source, 'device');
    assert.equal(r.measured.inferences, 200);
    assert.deepEqual(
      {
        cycles: r.measured.cycles,
        synops: r.measured.synops,
        macs: r.measured.macs,
        spikes: r.measured.spikes,
      },
      r.emulated,
    );
    assert.equal(r.measuredPerLayer?.length, 2);
    assert.deepEqual({ damaged: r.link.damaged, naks: r.link.naks }, { damaged: 0, naks: 0 });
  } finally {
    await bench.stop();
  }
});

test('with 1 % of bytes corrupted and 1 % of frames dropped, spikes are exact', async () => {
  const bench = await startBench({
    backend: 'ref',
    faults: { corrupt: 0.01, dropFrame: 0.01, seed: 5 },
  });
  let proxy: Record<string, unknown> | undefined;
  try {
    const r = await verifyOnDevice(makeDemoModel(), makeInputs(200), {
      port: bench.port,
      ...LINK,
      targetOptions: DEMO_TARGET,
    });
    assert.equal(r.check.passed, true, r.check.firstDifference);
    assert.equal(r.comparison.matching, 200);
    assert.ok(r.link.resends > 50, `the faults must have forced resends (got ${r.link.resends})`);
  } finally {
    proxy = await bench.stop();
  }
  const toDevice = proxy?.toDevice as { corrupted: number; framesDropped: number };
  assert.ok(toDevice.corrupted > 100 && toDevice.framesDropped > 5, JSON.stringify(proxy));
});

test('dropped, duplicated, corrupted and delayed bytes together keep spikes exact', async () => {
  const faults = { drop: 0.002, dup: 0.002, corrupt: 0.002, delay: 0.01, delayMs: 5, seed: 8 };
  const bench = await startBench({ backend: 'ref', faults });
  let proxy: Record<string, unknown> | undefined;
  try {
    const r = await verifyOnDevice(makeDemoModel(), makeInputs(50), {
      port: bench.port,
      ...LINK,
      targetOptions: DEMO_TARGET,
    });
    assert.equal(r.check.passed, true, r.check.firstDifference);
  } finally {
    proxy = await bench.stop();
  }
  const up = proxy?.toDevice as Record<string, number>;
  for (const k of ['dropped', 'duplicated', 'corrupted', 'delayed']) {
    assert.ok(up[k]! > 0, `the proxy must have ${k} bytes: ${JSON.stringify(proxy)}`);
  }
});

test('a blob padded to 256-word images (README §5) loads and runs the same network', async () => {
  const d = buildDeployment(makeDemoModel(), DEMO_TARGET);
  const padded = padBlob(d.blob, 256);
  const bench = await startBench({ backend: 'ref' });
  try {
    const client = await DeviceClient.connect(bench.port, LINK);
    try {
      const inputs = makeInputs(10);
      const codes = inputCodes(d, inputs);
      const loaded = await client.upload(padded);
      assert.deepEqual([loaded.layers, loaded.inputs, loaded.outputs], [2, 12, 10]);
      const run = await client.run(codes, 10, inputs.steps);
      assert.equal(compareRuns(run, emulateTrace(d, codes, 10, inputs.steps)).passed, true);
    } finally {
      await client.close();
    }
  } finally {
    await bench.stop();
  }
});

/** Pad the params, WMEM and BMEM sections with zero words to multiples of `words`. */
function padBlob(blob: Uint8Array, words: number): Uint8Array {
  const dv = new DataView(blob.buffer, blob.byteOffset);
  const counts = [dv.getUint16(10, true), dv.getUint32(12, true), dv.getUint32(16, true)];
  const padded = counts.map((n) => Math.ceil(n / words) * words);
  const out = new Uint8Array(20 + 4 * padded.reduce((a, n) => a + n, 0) + 4);
  const ov = new DataView(out.buffer);
  out.set(blob.subarray(0, 20));
  ov.setUint16(10, padded[0]!, true);
  ov.setUint32(12, padded[1]!, true);
  ov.setUint32(16, padded[2]!, true);
  let from = 20;
  let to = 20;
  counts.forEach((n, k) => {
    out.set(blob.subarray(from, from + 4 * n), to);
    from += 4 * n;
    to += 4 * padded[k]!;
  });
  ov.setUint32(to, crc32(out.subarray(0, to)), true);
  return out;
}
