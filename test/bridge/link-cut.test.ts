import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startBench } from '../../src/bridge/harness.js';
import { deployModel } from '../../src/bridge/deploy.js';
import { verifyOnDevice } from '../../src/bridge/verify.js';
import { failureBoundMs } from '../../src/bridge/cli-options.js';
import { DynalignError } from '../../src/util/errors.js';
import { DEMO_TARGET, makeDemoModel, makeInputs } from './helpers.js';

const LINK = { baudRate: 1000000, timeoutMs: 200, retries: 3 };

test('a link cut mid-upload fails in the stated time; the next deploy recovers', async () => {
  const bench = await startBench({ backend: 'ref', proxy: true });
  const bound = failureBoundMs(LINK);
  try {
    // A 300-neuron hidden layer makes a blob of many chunks; cut after the first one lands.
    let cutAt = 0;
    let t0 = 0;
    const big = makeDemoModel(300);
    const failed = await deployModel(big, {
      port: bench.port,
      ...LINK,
      targetOptions: DEMO_TARGET,
      onProgress: (done) => {
        if (cutAt > 0) return;
        cutAt = done;
        t0 = performance.now();
        bench.cut();
      },
    }).then(
      () => undefined,
      (err: unknown) => err,
    );
    const elapsed = performance.now() - t0;
    assert.ok(failed instanceof DynalignError, String(failed));
    assert.equal(failed.code, 'E_LINK_LOST');
    assert.equal(failed.exitCode, 2);
    assert.match(
      failed.format(),
      new RegExp(
        'lost the link during LOAD_CHUNK: the link went silent \\(\\d+ tries in [\\d.]+ s\\)' +
          '.*running `dynalign deploy` again recovers it',
      ),
    );
    assert.ok(
      elapsed < bound + 500,
      `failed after ${elapsed.toFixed(0)} ms, bound ${bound.toFixed(0)} ms`,
    );

    // Link back: a fresh deploy and run give exact spikes on the same device process.
    bench.restore();
    const r = await verifyOnDevice(makeDemoModel(), makeInputs(20), {
      port: bench.port,
      ...LINK,
      targetOptions: DEMO_TARGET,
    });
    assert.equal(r.check.passed, true, r.check.firstDifference);
  } finally {
    await bench.stop();
  }
});
