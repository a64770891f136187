// `dynalign emulate MODEL --target spinnaker`: the board's spikes predicted bit for bit, with the
// counts energy is made of, the quantisation each projection suffers, and what the target's
// reset costs against the trained float network.
import type { EncodedSet } from '../../src/encoding/encoder.js';
import type { IrModel } from '../../src/ir/model.js';
import {
  accuracyOf,
  argmaxRows,
  type EmulationResult,
  type LayerCounts,
} from '../../src/emulator/result.js';
import { writeFileAtomic } from '../../src/util/atomic.js';
import { TOOL_NAME, TOOL_VERSION } from '../../src/util/version.js';
import { FixedPopulationEngine } from './profile/population-fixed.js';
import {
  buildRows,
  emptyTotals,
  runInference,
  ticksPerInference,
  type RunTotals,
} from './network/run.js';
import {
  compareSpikeRecords,
  formatSpikeCsv,
  readSpikeCsv,
  type SpikeRecord,
} from './network/spike-csv.js';
import { compareWithFloat } from './float-comparison.js';
import { checkInputs, stimulusOf, toFixedStimulus } from './mapping/stimulus.js';
import { prepare, type Prepared } from './prepare.js';
import { runOnCore } from './core-run.js';
import { coreOptionsFrom } from '../../src/emulator/target-run.js';
import { DynalignError } from '../../src/util/errors.js';

/**
 * Run every input through the target's own bit-exact loop; spikes recorded when asked. Not the
 * path of `emulate` any more (./core-run.ts is): it stays as the oracle the shared core is
 * tested against (test/targets/spinnaker/core-shared.test.ts), and runs inputs whose currents
 * the core's float32 frames cannot hold exactly.
 */
export function runFixedNetwork(prep: Prepared, inputs: EncodedSet, record: boolean) {
  const net = { ...prep.quantised.network, steps: inputs.steps };
  const engines = prep.quantised.fixed.populations.map((p) => new FixedPopulationEngine(p));
  const rows = buildRows(net, prep.quantised.fixed);
  const totals = emptyTotals(net);
  const classes = net.populations[net.populations.length - 1]!.size;
  const outputCounts = new Int32Array(inputs.n * classes);
  const spikes: SpikeRecord[] = [];
  const first = prep.mapped.firstOnChip;
  const names = prep.mapped.chain.layers.map((l) => l.neuronName);
  const sink = (sample: number, tick: number, p: number, neuron: number) => {
    const lag = p < 0 ? 0 : net.populations[p]!.lag;
    spikes.push({ sample, step: tick - lag, layer: names[p + first]!, neuron });
  };
  for (let i = 0; i < inputs.n; i++) {
    const stim = toFixedStimulus(stimulusOf(prep.mapped, inputs, i));
    const out = runInference(net, engines, rows, stim, totals, {
      sample: i,
      ...(record ? { sink } : {}),
    });
    outputCounts.set(out, i * classes);
  }
  return { net, totals, outputCounts, classes, spikes };
}

/** Per IR layer counts: chip counts for populations, host work for the analog first layer. */
function layerCounts(prep: Prepared, totals: RunTotals, n: number, steps: number): LayerCounts[] {
  const { chain, firstOnChip } = prep.mapped;
  return chain.layers.map((layer, k) => {
    const p = k - firstOnChip;
    const hostMacs = k === 0 ? layer.nIn * layer.nOut * steps * n : 0;
    if (p < 0) {
      return {
        name: layer.neuronName,
        neurons: layer.nOut,
        spikes: totals.sourceSpikes,
        synops: 0,
        macs: hostMacs,
        neuronUpdates: layer.nOut * steps * n,
        weightReads: hostMacs,
      };
    }
    return {
      name: layer.neuronName,
      neurons: layer.nOut,
      spikes: totals.spikes[p]!,
      synops: totals.synops[p]!,
      macs: hostMacs,
      neuronUpdates: totals.neuronUpdates[p]!,
      // One 32-bit synaptic word is read for every synaptic event (docs §1.6).
      weightReads: totals.synops[p]!,
    };
  });
}

/** The shared core (./core-run.ts); the target loop only where the core cannot take the input. */
async function runOnCoreOrLoop(
  prep: Prepared,
  inputs: EncodedSet,
  record: boolean,
  raw?: Record<string, string | number | boolean>,
) {
  try {
    const run = await runOnCore(prep, inputs, record, coreOptionsFrom(raw));
    return { ...run, engine: 'shared core' };
  } catch (err) {
    if (!(err instanceof DynalignError) || err.code !== 'E_SPINNAKER_CORE_RANGE') throw err;
    prep.notes.push(`ran on the target's own loop: ${err.message}`);
    return { ...runFixedNetwork(prep, inputs, record), engine: 'target loop' };
  }
}

/** The adapter's emulate: bit-exact run plus float comparison and reports in `extra`. */
export async function emulateSpinnaker(
  model: IrModel,
  inputs: EncodedSet,
  raw?: Record<string, string | number | boolean>,
): Promise<EmulationResult> {
  const unchecked = prepare(model, raw);
  checkInputs(unchecked.mapped, inputs);
  const prep = prepare(model, raw, inputs);
  const o = prep.options;
  const record = o.record !== undefined || o.compareSpikes !== undefined;
  const run = await runOnCoreOrLoop(prep, inputs, record, raw);
  const predictions = argmaxRows(run.outputCounts, inputs.n, run.classes);
  const result: EmulationResult = {
    target: 'spinnaker',
    n: inputs.n,
    steps: inputs.steps,
    predictions,
    outputCounts: run.outputCounts,
    perLayer: layerCounts(prep, run.totals, inputs.n, inputs.steps),
  };

  // The trained network in float, with its own reset: what mapping to the board costs.
  const comparison = compareWithFloat(prep.mapped.chain, inputs, predictions);
  if (inputs.labels) result.accuracy = accuracyOf(predictions, inputs.labels);

  // Spikes to file, and the check against a recorded run.
  if (o.record) {
    const by = `${TOOL_NAME} ${TOOL_VERSION}`;
    const stamp = `spike events (AER) emulated for spinnaker by ${by}; do not edit`;
    await writeFileAtomic(o.record, formatSpikeCsv(run.spikes, stamp));
  }
  if (o.compareSpikes) {
    const recorded = await readSpikeCsv(o.compareSpikes);
    result.check = compareSpikeRecords(run.spikes, recorded, inputs.n);
  }
  const ticks = ticksPerInference(run.net);
  result.extra = {
    comparison,
    engine: run.engine,
    ticksPerInference: ticks,
    latencyS: (ticks * o.timestep) / 1000,
    timestepMs: o.timestep,
    inputMode: o.inputMode,
    cell: o.cell,
    placement: {
      cores: prep.placement.coresUsed,
      chips: prep.placement.chipsUsed,
      neuronsPerCore: o.neuronsPerCore,
      sdramBytesPerChip: prep.placement.sdramBytesPerChip,
    },
    overflows: Object.fromEntries(
      prep.quantised.network.populations.map((pop, p) => [pop.label, run.totals.overflows[p]]),
    ),
    quantisation: prep.quantised.projections.map((q) => {
      const proj = prep.quantised.network.projections.find((p) => p.label === q.label)!;
      const sat = run.totals.saturations[proj.post]!;
      return { ...q, saturations: sat[proj.receptor === 'excitatory' ? 0 : 1] };
    }),
    notes: prep.notes,
  };
  return result;
}
