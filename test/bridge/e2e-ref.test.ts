import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startBench } from '../../src/bridge/harness.js';
import { verifyOnDevice } from '../../src/bridge/verify.js';
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

test('dropped, duplicated, corrupted and delayed bytes together still give exact spikes', async () => {
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
