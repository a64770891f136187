// `npm run bench -- bridge`: inferences per second through the host firmware over a pty, and
// how the run time splits between the link (host, pty, protocol) and the core (device clock).
import { startBench, type FaultRates } from '../src/bridge/harness.js';
import type { Backend } from '../src/bridge/firmware.js';
import { verifyOnDevice } from '../src/bridge/verify.js';
import { toolVersion } from '../src/util/tools.js';
import { DEMO_TARGET, makeDemoModel, makeInputs } from '../test/bridge/helpers.js';

// Inferences per configuration: enough for a stable rate, few enough to stay under a minute.
const N = 500;

interface Row {
  backend: Backend;
  link: string;
  inferences: number;
  inferencesPerS: number;
  runMs: number;
  deviceCoreMs: number;
  linkShare: number;
  resends: number;
  exact: boolean;
}

async function measure(backend: Backend, link: string, faults?: FaultRates): Promise<Row> {
  const bench = await startBench({ backend, faults });
  try {
    const r = await verifyOnDevice(makeDemoModel(), makeInputs(N), {
      port: bench.port,
      baudRate: 1000000,
      targetOptions: DEMO_TARGET,
    });
    return {
      backend,
      link,
      inferences: r.n,
      inferencesPerS: Math.round(r.inferencesPerSecond),
      runMs: Math.round(r.timing.runMs),
      deviceCoreMs: Math.round(r.timing.deviceCoreMs),
      linkShare: Number(r.timing.linkShare.toFixed(3)),
      resends: r.link.resends,
      exact: r.check.passed,
    };
  } finally {
    await bench.stop();
  }
}

/** Clean link for each back end, and the ref core over a link with 1 % corruption and drops. */
export async function run(): Promise<void> {
  const rows: Row[] = [await measure('ref', 'clean pty')];
  if ((await toolVersion('verilator')) !== undefined) rows.push(await measure('rtl', 'clean pty'));
  rows.push(
    await measure('ref', '1% bytes corrupted, 1% frames dropped', {
      corrupt: 0.01,
      dropFrame: 0.01,
      seed: 9,
    }),
  );
  process.stdout.write(`demo network 12-24-10 LIF, 20 steps, ${N} inferences per row\n`);
  for (const r of rows) {
    process.stdout.write(
      `${r.backend.padEnd(4)} ${r.link.padEnd(40)} ` +
        `${String(r.inferencesPerS).padStart(7)} inf/s  run ${r.runMs} ms, ` +
        `core ${r.deviceCoreMs} ms, link share ${(100 * r.linkShare).toFixed(1)} %, ` +
        `${r.resends} resends, exact ${r.exact}\n`,
    );
  }
  process.stdout.write(JSON.stringify(rows) + '\n');
}
