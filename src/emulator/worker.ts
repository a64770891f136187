// Worker entry: rebuild the plan from the model and profile spec, run one range of inputs, and
// send the chunk back with its typed arrays transferred (not copied).
import { parentPort, workerData } from 'node:worker_threads';
import type { IrModel } from '../ir/model.js';
import { profileFromSpec } from '../quantize/resolve.js';
import { runChunk, type ChunkOptions, type ChunkResult } from './chunk.js';
import { buildPlan } from './plan.js';

/** What the main thread hands each worker. */
export interface WorkerJob {
  model: IrModel;
  profile: { name: string; config: Record<string, number | string> };
  frames: Float32Array;
  start: number;
  end: number;
  /** Index of frames[0] in the whole input set. */
  base: number;
  steps: number;
  simd: boolean;
  opts: ChunkOptions;
}

/** Typed arrays of a chunk, so postMessage moves them instead of copying. */
export function transferList(r: ChunkResult): ArrayBuffer[] {
  const views: ArrayBufferView[] = [
    r.outputSums,
    ...Object.values(r.counters).filter(ArrayBuffer.isView),
  ];
  if (r.spikes) views.push(r.spikes.sample, r.spikes.step, r.spikes.layer, r.spikes.neuron);
  if (r.neuronCounts) views.push(...r.neuronCounts);
  if (r.stepDigests) views.push(r.stepDigests);
  if (r.outputSteps) views.push(r.outputSteps);
  if (r.traces) views.push(...r.traces.map((t) => t.data));
  return [...new Set(views.map((v) => v.buffer as ArrayBuffer))];
}

async function main(job: WorkerJob): Promise<void> {
  const profile = await profileFromSpec(job.profile.name, job.profile.config);
  const plan = buildPlan(job.model, profile, { simd: job.simd });
  const r = runChunk(
    plan,
    job.frames,
    job.start - job.base,
    job.end - job.base,
    job.steps,
    job.opts,
  );
  r.start = job.start;
  r.end = job.end;
  if (r.spikes) for (let e = 0; e < r.spikes.count; e++) r.spikes.sample[e]! += job.base;
  parentPort!.postMessage(r, transferList(r));
}

if (parentPort && workerData) {
  main(workerData as WorkerJob).catch((err: unknown) => {
    parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) });
  });
}
