// `dynalign emulate --target fpga`: the program runs on the shared emulator core under the fpga
// NumericProfile (../numeric-profile.ts), so workers, --record and the counters are the core's.
// runCore (./core.ts) stays as the cycle-exact oracle the core is tested against
// (test/targets/fpga/core-shared.test.ts) and drives RTL verification and the firmware bridge.
import type { IrModel } from '../../../src/ir/model.js';
import type { EncodedSet } from '../../../src/encoding/encoder.js';
import { accuracyOf, type EmulationResult } from '../../../src/emulator/result.js';
import { coreOptionsFrom, writeTargetRecords } from '../../../src/emulator/target-run.js';
import { DynalignError } from '../../../src/util/errors.js';
import { runOnCore } from '../core-run.js';
import { stepCycleBounds } from './cycles.js';
import { quantizeInputs } from './input-scale.js';
import { prepare, type TargetOptions } from './prepare.js';
import { clockHz } from './timing.js';

/** Emulate a model on the fpga profile and report cycles and the latency they imply. */
export async function emulateFpga(
  model: IrModel,
  inputs: EncodedSet,
  options: TargetOptions,
): Promise<EmulationResult> {
  const { arch, prog, inputScaleSource } = prepare(model, options);
  const codes = quantizeInputs(inputs, prog.inputScale);
  const run = await runOnCore(prog, codes, inputs.n, inputs.steps, coreOptionsFrom(options));
  await writeTargetRecords(run, options, model);
  const { predictions, outputCounts, perLayer } = run.result;
  const cycles = run.result.cycles ?? 0;

  // Timing: cycles at the clock the design reaches (or --clock-mhz).
  const clock = clockHz(options);
  const cyclesPerInference = inputs.n > 0 ? cycles / inputs.n : 0;
  const latencyS = cyclesPerInference / clock.hz;
  const bounds = stepCycleBounds(prog.nInputs, prog.layers);
  return {
    target: 'fpga',
    n: inputs.n,
    steps: inputs.steps,
    predictions,
    outputCounts,
    ...(inputs.labels ? { accuracy: accuracyOf(predictions, inputs.labels) } : {}),
    perLayer,
    cycles,
    extra: {
      arch,
      engine: 'shared core',
      profile: run.profile.id,
      wallSeconds: run.wallSeconds,
      clockHz: clock.hz,
      clockSource: clock.source,
      cyclesPerInference,
      cyclesPerStep: { ...bounds, mean: inputs.steps > 0 ? cyclesPerInference / inputs.steps : 0 },
      latencyPerInferenceS: latencyS,
      throughputInferencesPerS: latencyS > 0 ? 1 / latencyS : 0,
      inputScale: {
        source: inputScaleSource,
        perComponent: Array.from(prog.inputScale.slice(0, 3)),
      },
      layers: prog.layers.map((l) => ({
        name: l.name,
        nIn: l.nIn,
        nOut: l.nOut,
        theta: l.theta,
        shift: l.shift,
        leak: l.leak,
      })),
    },
  };
}

/** Refuse an input set whose channels do not match the first layer. */
export function checkInputs(inputs: EncodedSet, nInputs: number): void {
  if (inputs.channels === nInputs) return;
  throw new DynalignError('E_FPGA_INPUTS', 'inputs have a different channel count', {
    field: 'channels',
    value: inputs.channels,
    fix: `the network's first layer takes ${nInputs} channels`,
  });
}
