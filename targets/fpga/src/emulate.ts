// `dynalign emulate --target fpga`: the core's spikes, counts, cycles, latency and throughput.
import type { IrModel } from '../../../src/ir/model.js';
import type { EncodedSet } from '../../../src/encoding/encoder.js';
import { accuracyOf, argmaxRows, type EmulationResult } from '../../../src/emulator/result.js';
import { DynalignError } from '../../../src/util/errors.js';
import { runCore } from './core.js';
import { stepCycleBounds } from './cycles.js';
import { quantizeInputs } from './input-scale.js';
import { prepare, type TargetOptions } from './prepare.js';
import { clockHz } from './timing.js';

/** Emulate a model on the fpga profile and report cycles and the latency they imply. */
export function emulateFpga(
  model: IrModel,
  inputs: EncodedSet,
  options: TargetOptions,
): EmulationResult {
  const { arch, prog, inputScaleSource } = prepare(model, options);
  const codes = quantizeInputs(inputs, prog.inputScale);
  const run = runCore(prog, codes, inputs.n, inputs.steps);
  const classes = prog.layers[prog.layers.length - 1]!.nOut;
  const predictions = argmaxRows(run.outputCounts, inputs.n, classes);

  // Timing: cycles at the clock the design reaches (or --clock-mhz).
  const clock = clockHz(options);
  const cyclesPerInference = inputs.n > 0 ? run.cycles / inputs.n : 0;
  const latencyS = cyclesPerInference / clock.hz;
  const bounds = stepCycleBounds(prog.nInputs, prog.layers);
  return {
    target: 'fpga',
    n: inputs.n,
    steps: inputs.steps,
    predictions,
    outputCounts: run.outputCounts,
    ...(inputs.labels ? { accuracy: accuracyOf(predictions, inputs.labels) } : {}),
    perLayer: run.perLayer,
    cycles: run.cycles,
    extra: {
      arch,
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
