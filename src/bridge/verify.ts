// `dynalign verify MODEL --port P`: the device against the emulator, spike for spike, cycle for
// cycle, counter for counter. The device's counters are reported as measured figures.
import type { IrModel } from '../ir/model.js';
import type { EncodedSet } from '../encoding/encoder.js';
import { spacedSubset } from '../encoding/subset.js';
import { argmaxRows, accuracyOf } from '../emulator/result.js';
import type { MeasuredCounters } from './client.js';
import { compareRuns, type Comparison } from './compare.js';
import { deployModel, type DeployOptions, type DeployReport } from './deploy.js';
import { emulateTrace, inputCodes } from './program.js';
import type { LinkStats } from './session.js';

export interface VerifyOptions extends DeployOptions {
  /** Verify only `limit` inputs, spread evenly over the set (src/encoding/subset.ts). */
  limit?: number;
  onRunProgress?: (done: number, total: number) => void;
}

export interface DeviceVerifyReport {
  target: 'fpga-device';
  n: number;
  steps: number;
  check: { passed: boolean; summary: string; firstDifference?: string };
  comparison: Comparison;
  /** Counters read from the device (measured), and what the emulator predicted. */
  measured: MeasuredCounters;
  measuredPerLayer?: MeasuredCounters[];
  emulated: { cycles: number; synops: number; macs: number; spikes: number };
  /** Device output spike counts [n][outputs], predictions and accuracy when labels exist. */
  outputCounts: Int32Array;
  predictions: Int32Array;
  accuracy?: number;
  deploy: DeployReport;
  timing: {
    wallMs: number;
    uploadMs: number;
    runMs: number;
    deviceCoreMs: number;
    linkShare: number;
  };
  inferencesPerSecond: number;
  link: LinkStats;
}

/** Deploy, stream the inputs, and compare the device's results with the emulator's. */
export async function verifyOnDevice(
  model: IrModel,
  inputs: EncodedSet,
  o: VerifyOptions,
): Promise<DeviceVerifyReport> {
  const t0 = performance.now();
  const set = spacedSubset(inputs, o.limit);
  const n = set.n;
  const { client, deployment, report } = await deployModel(model, o);
  try {
    // Stream the inputs and read the results back.
    const codes = inputCodes(deployment, set);
    const tRun = performance.now();
    const run = await client.run(codes, n, set.steps, (done) => o.onRunProgress?.(done, n));
    const runMs = performance.now() - tRun;
    const measured = await client.counters('total');
    const perLayer: MeasuredCounters[] | undefined = client.info.caps.includes('layer_counters')
      ? []
      : undefined;
    for (let l = 0; perLayer && l < report.layers; l++) perLayer.push(await client.counters(l));

    // The emulator on the same codes, and the comparison.
    const emu = emulateTrace(deployment, codes, n, set.steps);
    const comparison = compareRuns(run, emu);
    const counterDiff = diffCounters(measured, emu.counters);
    const passed = comparison.passed && counterDiff === undefined;
    const outputs = report.outputs;
    const outputCounts = countSpikes(run.rasters, n, set.steps, run.outBytes, outputs);
    const predictions = argmaxRows(outputCounts, n, outputs);
    const wallMs = performance.now() - t0;
    const deviceCoreMs = run.coreUs / 1000;
    return {
      target: 'fpga-device',
      n,
      steps: set.steps,
      check: {
        passed,
        summary: passed
          ? `device matches the emulator on ${n} inputs: ${comparison.spikesCompared} output ` +
            `spikes, every step's spikes and every inference's cycles`
          : `device differs from the emulator (${comparison.matching}/${n} inferences match)`,
        ...(passed ? {} : { firstDifference: comparison.firstDifference ?? counterDiff }),
      },
      comparison,
      measured,
      ...(perLayer ? { measuredPerLayer: perLayer } : {}),
      emulated: emu.counters,
      outputCounts,
      predictions,
      ...(set.labels ? { accuracy: accuracyOf(predictions, set.labels.subarray(0, n)) } : {}),
      deploy: report,
      timing: {
        wallMs,
        uploadMs: report.uploadMs,
        runMs,
        deviceCoreMs,
        linkShare: runMs > 0 ? 1 - deviceCoreMs / runMs : 0,
      },
      inferencesPerSecond: runMs > 0 ? (1000 * n) / runMs : 0,
      link: { ...client.stats },
    };
  } finally {
    await client.close();
  }
}

function diffCounters(m: MeasuredCounters, e: DeviceVerifyReport['emulated']): string | undefined {
  for (const k of ['cycles', 'synops', 'macs', 'spikes'] as const) {
    if (m[k] !== e[k]) return `counter ${k}: device ${m[k]}, emulator ${e[k]}`;
  }
  return undefined;
}

function countSpikes(
  r: Uint8Array,
  n: number,
  steps: number,
  outBytes: number,
  outputs: number,
): Int32Array {
  const counts = new Int32Array(n * outputs);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < steps; t++) {
      const base = (i * steps + t) * outBytes;
      for (let j = 0; j < outputs; j++)
        if ((r[base + (j >> 3)]! >> (j & 7)) & 1) counts[i * outputs + j]!++;
    }
  }
  return counts;
}
