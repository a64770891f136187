// The `--port` branch of `dynalign verify`: inputs as the other verify paths choose them
// (--dataset, --input, or seeded random sequences), the device against the emulator, exit 1 on
// the first difference.
import type { EncodedSet } from '../encoding/encoder.js';
import { loadRunInputs } from '../emulator/io.js';
import { loadValidModel } from '../io/model-file.js';
import type { IrModel } from '../ir/model.js';
import { emit, log, parseInteger, progressBar } from '../cli/output.js';
import { CheckFailedError } from '../util/errors.js';
import { prepare } from '../../targets/fpga/src/prepare.js';
import { randomInputs, RANDOM_SEED } from '../../targets/fpga/src/rtl-verify.js';
import { linkOptions, type LinkFlags } from './cli-options.js';
import { verifyOnDevice, type DeviceVerifyReport } from './verify.js';

// Steps of a random sequence when the model names no encoder (as `verify --rtl` does).
const DEFAULT_STEPS = 5;
// Random sequences when no inputs are given (as `verify --rtl` does).
const DEFAULT_RANDOM = 200;

export interface VerifyPortFlags extends LinkFlags {
  dataset?: string;
  input?: string;
  random?: string;
  limit?: string;
  json?: boolean;
}

/** Run `dynalign verify MODEL --port P`; throws CheckFailedError (exit 1) on a difference. */
export async function verifyPortCommand(
  modelPath: string,
  flags: VerifyPortFlags,
  targetOptions: Record<string, string | number | boolean>,
): Promise<void> {
  const model = await loadValidModel(modelPath);
  const limit = flags.limit === undefined ? undefined : parseInteger('--limit', flags.limit, 1);
  const inputs = await chooseInputs(model, flags, targetOptions, limit);
  let bar: ReturnType<typeof progressBar> | undefined;
  const report = await verifyOnDevice(model, inputs, {
    port: flags.port,
    ...linkOptions(flags),
    targetOptions,
    ...(limit === undefined ? {} : { limit }),
    onRunProgress: (done, total) => {
      bar ??= progressBar('device', total);
      bar.update(done);
    },
  }).finally(() => bar?.stop());
  emit(flags.json === true, report, () => describe(report));
  if (!report.check.passed) {
    throw new CheckFailedError('E_DEVICE_MISMATCH', report.check.summary, {
      file: modelPath,
      value: report.check.firstDifference,
    });
  }
}

async function chooseInputs(
  model: IrModel,
  flags: VerifyPortFlags,
  targetOptions: Record<string, string | number | boolean>,
  limit: number | undefined,
): Promise<EncodedSet> {
  if (flags.dataset !== undefined || flags.input !== undefined) {
    return loadRunInputs(model, flags.input, flags.dataset, log);
  }
  const n =
    limit ??
    (flags.random === undefined ? DEFAULT_RANDOM : parseInteger('--random', flags.random, 1));
  const { prog } = prepare(model, targetOptions);
  return randomInputs(prog.inputScale, n, model.encoder?.numSteps ?? DEFAULT_STEPS, RANDOM_SEED);
}

function describe(r: DeviceVerifyReport): string {
  const m = r.measured;
  return [
    r.check.summary,
    ...(r.check.firstDifference ? [`first difference: ${r.check.firstDifference}`] : []),
    `device (${r.deploy.device.backend} on ${r.deploy.port}), measured: ${m.cycles} cycles, ` +
      `${m.synops} synops, ${m.macs} MACs, ${m.spikes} spikes over ${m.inferences} inferences` +
      (m.energyPj === undefined ? ' (no power monitor: no measured energy)' : `, ${m.energyPj} pJ`),
    `link: ${r.inferencesPerSecond.toFixed(0)} inferences/s, ` +
      `${(100 * r.timing.linkShare).toFixed(1)} % ` +
      `of the run outside the core, ${r.link.resends} resends`,
    ...(r.accuracy === undefined
      ? []
      : [`accuracy on the device ${(100 * r.accuracy).toFixed(2)} %`]),
  ].join('\n');
}
