// Glue between the SpiNNaker target and the shared emulator core: the host's stimulus of every
// inference becomes frames (s16.15 current bits, or 0/1 of the spike source) over all ticks of
// the pipeline, the network becomes the core model (./core-model.ts), and the core's counters
// come back as the target's RunTotals. ./network/run.ts stays the oracle the tests compare.
import type { EncodedSet } from '../../src/encoding/encoder.js';
import {
  emulateModel,
  type EmulateOptions,
  type EmulationRun,
} from '../../src/emulator/emulate.js';
import { DynalignError } from '../../src/util/errors.js';
import { coreModelOf } from './core-model.js';
import { emptyTotals, ticksPerInference, type RunTotals } from './network/run.js';
import type { SpikeRecord } from './network/spike-csv.js';
import type { FixedNetwork, SpinnNetwork, Stimulus } from './network/types.js';
import { stimulusOf, toFixedStimulus } from './mapping/stimulus.js';
import { spinnakerProfile } from './numeric-profile.js';
import type { Prepared } from './prepare.js';

/** Float32 frames hold integers exactly below 2^24 (a current of 512 nA in s16.15 bits). */
const FRAME_EXACT_LIMIT = 2 ** 24;

/** What runFixedNetwork answers, from the core, plus the core's own run. */
export interface SpinnakerCoreRun {
  net: SpinnNetwork;
  totals: RunTotals;
  outputCounts: Int32Array;
  classes: number;
  spikes: SpikeRecord[];
  run: EmulationRun;
}

/** Run every input on the shared core; spikes recorded (target form) when asked. */
export async function runOnCore(
  prep: Prepared,
  inputs: EncodedSet,
  record: boolean,
  opts: EmulateOptions = {},
): Promise<SpinnakerCoreRun> {
  const net = { ...prep.quantised.network, steps: inputs.steps };
  const frames = framesOf(prep, inputs, net);
  const last = net.populations[net.populations.length - 1]!;
  const run = await runFramesOnCore(net, prep.quantised.fixed, frames, record, opts);
  const totals = totalsOf(net, run, frames);
  const spikes = record ? spikesOf(prep, net, run, frames) : [];
  return {
    net,
    totals,
    outputCounts: run.result.outputCounts,
    classes: last.size,
    spikes,
    run,
  };
}

/** Run frames (framesFromStimuli) of a quantised network on the core; outputs from the lag. */
export function runFramesOnCore(
  net: SpinnNetwork,
  fixed: FixedNetwork,
  frames: EncodedSet,
  record: boolean,
  opts: EmulateOptions = {},
): Promise<EmulationRun> {
  const profile = spinnakerProfile({ cell: net.cell, inputMode: net.inputMode });
  const model = coreModelOf(net, fixed, profile);
  const last = net.populations[net.populations.length - 1]!;
  return emulateModel(model, frames, profile, {
    ...opts,
    recordSpikes: record,
    maxEvents: Number.MAX_SAFE_INTEGER,
    outputFrom: last.lag,
  });
}

/** The frames of every input of an encoded set (the host's stimulus in fixed form). */
export function framesOf(prep: Prepared, inputs: EncodedSet, net: SpinnNetwork): EncodedSet {
  const stims = Array.from({ length: inputs.n }, (_, i) =>
    toFixedStimulus(stimulusOf(prep.mapped, inputs, i)),
  );
  const frames = framesFromStimuli(net, stims);
  if (inputs.labels) frames.labels = inputs.labels;
  return frames;
}

/** [n][ticks][width] frames: each stimulus over the steps, then zeros while the pipeline drains. */
export function framesFromStimuli(net: SpinnNetwork, stims: readonly Stimulus[]): EncodedSet {
  const ticks = ticksPerInference(net);
  const spikes = net.inputMode === 'spikes';
  const width = spikes ? net.sourceSize : net.populations[0]!.size;
  const data = new Float32Array(stims.length * ticks * width);
  stims.forEach((stim, i) => {
    const o = i * ticks * width;
    stim.sourceSpikes?.forEach((fired, t) => fired.forEach((j) => (data[o + t * width + j] = 1)));
    const cur = stim.currents ?? new Float64Array(0);
    for (let k = 0; k < cur.length; k++) {
      if (Math.abs(cur[k]!) >= FRAME_EXACT_LIMIT) throw currentTooLarge(i, k, width, cur[k]!);
      data[o + k] = cur[k]!;
    }
  });
  return { n: stims.length, steps: ticks, channels: width, data };
}

// LIMITATION: frames are float32, so a host current of 512 nA or more (2^24 s16.15 bits) cannot
// reach the core exactly; such inputs are refused here and run on the target's own loop.
function currentTooLarge(sample: number, k: number, width: number, bits: number) {
  return new DynalignError('E_SPINNAKER_CORE_RANGE', 'current too large for the core frames', {
    field: `inputs[${sample}][${Math.floor(k / width)}][${k % width}]`,
    value: bits / 2 ** 15,
    fix: 'keep host currents below 512 nA (lower --v-scale), or run the target loop',
  });
}

/** The core's counters as the target's totals (populations are the plan's layers, in order). */
export function totalsOf(net: SpinnNetwork, run: EmulationRun, frames: EncodedSet): RunTotals {
  const c = run.chunk.counters;
  const totals = emptyTotals(net);
  net.populations.forEach((_, p) => {
    totals.spikes[p] = c.spikes[p]!;
    totals.synops[p] = c.synops[p]!;
    totals.neuronUpdates[p] = c.neuronUpdates[p]!;
    totals.overflows[p] = c.tallies![p]!;
    totals.saturations[p]!.set(c.saturations!.subarray(2 * p, 2 * p + 2));
  });
  if (net.inputMode === 'spikes') {
    const n = run.result.n * frames.steps * frames.channels;
    for (let k = 0; k < n; k++) totals.sourceSpikes += frames.data[k]!;
  }
  totals.ticks = run.result.n * frames.steps;
  return totals;
}

/** The core's AER record as the target's: step = tick − lag, layers by IR name, the source. */
function spikesOf(
  prep: Prepared,
  net: SpinnNetwork,
  run: EmulationRun,
  frames: EncodedSet,
): SpikeRecord[] {
  const first = prep.mapped.firstOnChip;
  const names = prep.mapped.chain.layers.map((l) => l.neuronName);
  const out: SpikeRecord[] = [];
  if (net.inputMode === 'spikes') {
    const w = frames.channels;
    for (let k = 0; k < run.result.n * frames.steps * w; k++) {
      if (frames.data[k] === 0) continue;
      const sample = Math.floor(k / (frames.steps * w));
      const step = Math.floor(k / w) % frames.steps;
      out.push({ sample, step, layer: names[first - 1]!, neuron: k % w });
    }
  }
  const s = run.chunk.spikes!;
  for (let e = 0; e < s.count; e++) {
    const p = s.layer[e]!;
    const step = s.step[e]! - net.populations[p]!.lag;
    out.push({ sample: s.sample[e]!, step, layer: names[p + first]!, neuron: s.neuron[e]! });
  }
  return out;
}
