// Whole-dataset encoding over worker_threads: samples are split into contiguous chunks, each
// worker compiles the same generated kernel and writes its rows straight into shared memory.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { EncoderSpec } from '../ir/model.js';
import { checkFeatures, divergenceAt, encodeFeatures, type EncodedSet } from './encoder.js';
import { kernelSource } from './kernel.js';
import { checkTiming, makePlan } from './plan.js';
import { resolveParams } from './registry.js';
import type { RegisteredSystem } from './system.js';

/** Below this many samples per worker, thread start-up (~30 ms each) outweighs the gain. */
export const MIN_SAMPLES_PER_WORKER = 500;

// The worker is plain CommonJS run with eval: it needs no TypeScript loader, only the kernel.
const WORKER_SCRIPT = `
const { parentPort, workerData: d } = require('node:worker_threads');
const kernel = new Function(d.source)();
const status = new Float64Array(3);
const bad = kernel(new Float32Array(d.features), d.k, d.first, d.last, new Float32Array(d.out),
  d.index, d.weight, d.nOut, d.nSteps, d.h, d.drive, status);
parentPort.postMessage({ bad, status: Array.from(status) });
`;

export interface ParallelOptions {
  /** Worker threads; default: the machine's available parallelism. 1 runs on this thread. */
  workers?: number;
}

interface WorkerReply {
  bad: number;
  status: number[];
}

function runWorker(data: Record<string, unknown>): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER_SCRIPT, { eval: true, workerData: data });
    w.once('message', (m: WorkerReply) => resolve(m));
    w.once('error', reject);
    w.once('exit', (code) => {
      if (code !== 0) reject(new Error(`encode worker exited with code ${code}`));
    });
  });
}

/** How many workers a dataset of n samples gets. */
export function workerCount(n: number, requested?: number): number {
  const want = requested ?? availableParallelism();
  return Math.max(1, Math.min(want, Math.floor(n / MIN_SAMPLES_PER_WORKER)));
}

/** Encode [n][nFeatures] features like encodeFeatures, split over worker threads. */
export async function encodeFeaturesParallel(
  sys: RegisteredSystem,
  spec: EncoderSpec,
  features: Float32Array,
  n: number,
  opts: ParallelOptions = {},
): Promise<EncodedSet> {
  const workers = workerCount(n, opts.workers);
  if (workers === 1) return encodeFeatures(sys, spec, features, n);
  const k = spec.nFeatures;
  checkTiming(spec.h, spec.tmax, spec.numSteps);
  checkFeatures(features, n, k);
  const p = resolveParams(sys, spec.params, 'encoder.params');
  const plan = makePlan(sys, p, spec.h, spec.tmax, spec.numSteps);

  // Inputs and outputs live in shared memory; each worker writes only its own rows.
  const channels = 3 * k;
  const sharedIn = new SharedArrayBuffer(n * k * 4);
  new Float32Array(sharedIn).set(features.subarray(0, n * k));
  const sharedOut = new SharedArrayBuffer(n * spec.numSteps * channels * 4);
  const common = {
    source: kernelSource(sys, p, plan.drive !== null),
    features: sharedIn,
    out: sharedOut,
    k,
    index: plan.index,
    weight: plan.weight,
    nOut: plan.numSteps,
    nSteps: plan.nSteps,
    h: plan.h,
    drive: plan.drive,
  };
  const jobs = Array.from({ length: workers }, (_, w) =>
    runWorker({
      ...common,
      first: Math.floor((w * n) / workers),
      last: Math.floor(((w + 1) * n) / workers),
    }),
  );
  const replies = await Promise.all(jobs);

  // The earliest sample that ran away is reported, as the single-thread path would.
  const bad = replies.filter((r) => r.bad >= 0).sort((a, b) => a.bad - b.bad)[0];
  if (bad) throw divergenceAt(sys, p, plan, features, k, bad.status);
  const data = new Float32Array(n * spec.numSteps * channels);
  data.set(new Float32Array(sharedOut));
  return { n, steps: spec.numSteps, channels, data };
}
