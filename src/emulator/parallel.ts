// Many inputs in parallel: the input range is cut into one contiguous chunk per worker thread;
// each worker plans the model itself and the chunks are merged back in input order.
import { Worker } from 'node:worker_threads';
import type { IrModel } from '../ir/model.js';
import type { EncodedSet } from '../encoding/encoder.js';
import type { NumericProfile } from '../quantize/profile.js';
import type { ChunkOptions, ChunkResult, SpikeRecord } from './chunk.js';
import type { Counters } from './runner.js';
import type { WorkerJob } from './worker.js';

const WORKER_URL = new URL('./worker-boot.mjs', import.meta.url);

/** Run inputs [0, n) over `workers` threads; resolves to one merged chunk. */
export async function runParallel(
  model: IrModel,
  profile: NumericProfile,
  inputs: EncodedSet,
  n: number,
  workers: number,
  opts: ChunkOptions & { simd: boolean },
): Promise<ChunkResult> {
  const { data: frames, steps, channels } = inputs;
  const per = Math.ceil(n / workers);
  const stride = steps * channels;
  const jobs: Array<Promise<ChunkResult>> = [];
  for (let w = 0; w < workers; w++) {
    const start = w * per;
    const end = Math.min(n, start + per);
    if (start >= end) break;
    const job: WorkerJob = {
      model,
      profile: { name: profile.name, config: profile.config },
      frames: frames.slice(start * stride, end * stride),
      start,
      end,
      base: start,
      steps,
      simd: opts.simd,
      opts: {
        ...opts,
        maxEvents: opts.maxEvents === undefined ? undefined : Math.ceil(opts.maxEvents / workers),
      },
    };
    jobs.push(runWorker(job));
  }
  return mergeChunks(await Promise.all(jobs));
}

function runWorker(job: WorkerJob): Promise<ChunkResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER_URL, { workerData: job });
    w.once('message', (m: ChunkResult | { error: string }) => {
      void w.terminate();
      if ('error' in m) reject(new Error(`emulator worker failed: ${m.error}`));
      else resolve(m);
    });
    w.once('error', reject);
  });
}

/** Concatenate chunks in input order and add up their counters. */
export function mergeChunks(chunks: ChunkResult[]): ChunkResult {
  chunks.sort((a, b) => a.start - b.start);
  const first = chunks[0]!;
  const cat = <T extends Int32Array | Float64Array | Uint32Array>(xs: T[]): T => {
    const out = new (xs[0]!.constructor as new (n: number) => T)(
      xs.reduce((a, x) => a + x.length, 0),
    );
    let o = 0;
    for (const x of xs) (out.set(x as never, o), (o += x.length));
    return out;
  };
  const counters = sumCounters(chunks.map((c) => c.counters));
  const merged: ChunkResult = {
    start: first.start,
    end: chunks[chunks.length - 1]!.end,
    counters,
    outputSums: cat(chunks.map((c) => c.outputSums)),
  };
  if (first.spikes) {
    const s = chunks.map((c) => c.spikes!);
    const rec: SpikeRecord = {
      sample: cat(s.map((x) => x.sample)),
      step: cat(s.map((x) => x.step)),
      layer: cat(s.map((x) => x.layer)),
      neuron: cat(s.map((x) => x.neuron)),
      count: s.reduce((a, x) => a + x.count, 0),
      truncated: s.some((x) => x.truncated),
    };
    merged.spikes = rec;
  }
  if (first.neuronCounts) {
    merged.neuronCounts = first.neuronCounts.map((_, l) =>
      cat(chunks.map((c) => c.neuronCounts![l]!)),
    );
  }
  if (first.stepDigests) merged.stepDigests = cat(chunks.map((c) => c.stepDigests!));
  if (first.outputSteps) merged.outputSteps = cat(chunks.map((c) => c.outputSteps!));
  if (first.traces) merged.traces = first.traces;
  return merged;
}

function sumCounters(cs: Counters[]): Counters {
  const out = { ...cs[0]! };
  for (const key of ['spikes', 'synops', 'macs', 'neuronUpdates', 'weightReads'] as const) {
    out[key] = cs[0]![key].slice();
    for (const c of cs.slice(1))
      for (let l = 0; l < out[key].length; l++) out[key][l]! += c[key][l]!;
  }
  out.cycles = cs.reduce((a, c) => a + c.cycles, 0);
  for (const key of ['tallies', 'saturations'] as const) {
    const first = cs[0]![key];
    if (!first) continue;
    const sum = (out[key] = first.slice());
    for (const c of cs.slice(1)) for (let k = 0; k < sum.length; k++) sum[k]! += c[key]![k]!;
  }
  return out;
}
