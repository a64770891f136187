// The emulator's library entry: run an encoded set through a model under a numeric profile, on
// the main thread or over worker threads, and report predictions and per-layer counts.
import type { IrModel } from '../ir/model.js';
import type { EncodedSet } from '../encoding/encoder.js';
import type { NumericProfile } from '../quantize/profile.js';
import { hasCoreProfile, isGenericProfile } from '../quantize/resolve.js';
import { DynalignError } from '../util/errors.js';
import { runChunk, type ChunkOptions, type ChunkResult } from './chunk.js';
import { runParallel } from './parallel.js';
import { buildPlan } from './plan.js';
import type { Plan } from './plan-types.js';
import { accuracyOf, type EmulationResult, type LayerCounts } from './result.js';

export interface EmulateOptions extends ChunkOptions {
  /** Run only the first `limit` inputs. */
  limit?: number;
  /** Worker threads (1: main thread); int, float and targets' core profiles use them. */
  workers?: number;
  /** Layer names to trace (resolved to plan layers). */
  traceNames?: string[];
  /** WebAssembly SIMD for int8 dense layers (default true); false runs the plain JS loops. */
  simd?: boolean;
}

/** A run: the shared EmulationResult plus the plan figures and any records asked for. */
export interface EmulationRun {
  result: EmulationResult;
  chunk: ChunkResult;
  plan: Plan;
  /** Output values summed over steps, [n][outputs] (spike counts for spiking outputs). */
  outputSums: Float64Array;
  wallSeconds: number;
}

/** Below this many inputs per worker, threads cost more than they save. */
const MIN_INPUTS_PER_WORKER = 64;

/** Emulate `inputs` through `model` under `profile`. */
export async function emulateModel(
  model: IrModel,
  inputs: EncodedSet,
  profile: NumericProfile,
  opts: EmulateOptions = {},
): Promise<EmulationRun> {
  const plan = buildPlan(model, profile, { simd: opts.simd !== false });
  checkInputs(plan, inputs);
  const n = Math.min(opts.limit ?? inputs.n, inputs.n);
  const traceLayers = (opts.traceNames ?? []).map((name) => layerIndex(plan, name));
  const chunkOpts: ChunkOptions = {
    ...opts,
    traceLayers: [...(opts.traceLayers ?? []), ...traceLayers],
  };
  const workers = Math.max(1, Math.min(opts.workers ?? 1, Math.floor(n / MIN_INPUTS_PER_WORKER)));
  const t0 = performance.now();
  const chunk =
    workers > 1 && (isGenericProfile(profile.name) || hasCoreProfile(profile.name))
      ? await runParallel(model, profile, inputs, n, workers, {
          ...chunkOpts,
          simd: opts.simd !== false,
        })
      : runChunk(plan, inputs.data, 0, n, inputs.steps, chunkOpts);
  const wallSeconds = (performance.now() - t0) / 1000;
  const result = toResult(plan, chunk, n, inputs);
  return { result, chunk, plan, outputSums: chunk.outputSums, wallSeconds };
}

/** The input frame width must equal the Input node's size. */
export function checkInputs(plan: Plan, inputs: EncodedSet): void {
  const node = plan.nodes[plan.input]!;
  if (inputs.channels !== plan.channels) {
    throw new DynalignError('E_INPUT_WIDTH', `input has ${inputs.channels} channels per step`, {
      field: `${node.name} (shape [${node.shape.join(', ')}])`,
      value: inputs.channels,
      fix: `give ${plan.channels} values per step, as the model's Input node expects`,
    });
  }
  if (inputs.data.length < inputs.n * inputs.steps * inputs.channels) {
    throw new DynalignError('E_INPUT', 'input data is shorter than n × steps × channels', {
      field: 'inputs',
      value: inputs.data.length,
      fix: `expected ${inputs.n * inputs.steps * inputs.channels} values`,
    });
  }
}

function layerIndex(plan: Plan, name: string): number {
  const i = plan.layers.findIndex((l) => l.name === name);
  if (i >= 0) return i;
  throw new DynalignError('E_USAGE', 'no layer by that name', {
    field: '--trace-layer',
    value: name,
    fix: `layers: ${plan.layers.map((l) => l.name).join(', ')}`,
  });
}

function toResult(plan: Plan, chunk: ChunkResult, n: number, inputs: EncodedSet): EmulationResult {
  const width = plan.nodes[plan.output]!.size;
  const predictions = new Int32Array(n);
  const outputCounts = new Int32Array(n * width);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 0; c < width; c++) {
      const v = chunk.outputSums[i * width + c]!;
      outputCounts[i * width + c] = Math.round(v);
      if (v > chunk.outputSums[i * width + best]!) best = c;
    }
    predictions[i] = best;
  }
  const c = chunk.counters;
  const perLayer: LayerCounts[] = plan.layers.map((l, k) => ({
    name: l.name,
    neurons: l.neurons,
    spikes: c.spikes[k]!,
    synops: c.synops[k]!,
    macs: c.macs[k]!,
    neuronUpdates: c.neuronUpdates[k]!,
    weightReads: c.weightReads[k]!,
  }));
  const res: EmulationResult = {
    target: plan.profile.id,
    n,
    steps: inputs.steps,
    predictions,
    outputCounts,
    perLayer,
  };
  if (inputs.labels) res.accuracy = accuracyOf(predictions, inputs.labels.subarray(0, n));
  if (plan.profile.cycles) res.cycles = c.cycles;
  return res;
}
