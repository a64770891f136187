import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startBench } from '../../src/bridge/harness.js';
import { verifyOnDevice } from '../../src/bridge/verify.js';
import { toolVersion } from '../../src/util/tools.js';
import { DEMO_TARGET, makeDemoModel, makeInputs } from './helpers.js';

const hasVerilator = (await toolVersion('verilator')) !== undefined;

test(
  'the Verilated RTL behind the firmware matches the emulator on 200 inputs, cycle for cycle',
  {
    skip: hasVerilator ? false : 'verilator is not installed (apt-get install verilator)',
    timeout: 300_000,
  },
  async () => {
    const bench = await startBench({ backend: 'rtl' });
    try {
      const r = await verifyOnDevice(makeDemoModel(), makeInputs(200), {
        port: bench.port,
        baudRate: 1000000,
        targetOptions: DEMO_TARGET,
      });
      assert.equal(r.deploy.device.backend, 'rtl');
      assert.deepEqual(r.deploy.device.hwconf, {
        lanes: 2,
        weightBits: 8,
        stateBits: 16,
        leak: 'multiply',
        maxLayers: 8,
      });
      assert.equal(r.check.passed, true, r.check.firstDifference);
      assert.equal(r.comparison.matching, 200);
      assert.deepEqual(
        {
          cycles: r.measured.cycles,
          synops: r.measured.synops,
          macs: r.measured.macs,
          spikes: r.measured.spikes,
        },
        r.emulated,
      );
    } finally {
      await bench.stop();
    }
  },
);

test(
  'a blob for another architecture is refused by the RTL device before upload',
  {
    skip: hasVerilator ? false : 'verilator is not installed (apt-get install verilator)',
    timeout: 300_000,
  },
  async () => {
    const bench = await startBench({ backend: 'rtl' });
    try {
      const err = await verifyOnDevice(makeDemoModel(), makeInputs(2), {
        port: bench.port,
        baudRate: 1000000,
        targetOptions: { ...DEMO_TARGET, weightBits: '4' },
      }).then(
        () => undefined,
        (e: unknown) => e as { code?: string; message?: string },
      );
      assert.equal(err?.code, 'E_DEVICE_ARCH');
      assert.match(
        err?.message ?? '',
        /^the device core differs from the compiled one \(4-bit weights/,
      );
    } finally {
      await bench.stop();
    }
  },
);
