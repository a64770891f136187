// Run a contiguous range of inputs through one plan and collect what was asked for: counts,
// output sums, AER spike records, state traces, per-neuron spike counts, per-step spike digests.
// The same function runs on the main thread and inside each worker.
import { Runner, type Counters, type Sink } from './runner.js';
import type { Plan, Vec } from './plan-types.js';

export interface ChunkOptions {
  /** Keep (sample, step, layer, neuron) of every spike, up to maxEvents in all. */
  recordSpikes?: boolean;
  maxEvents?: number;
  /** Layers (plan indices) whose state v is traced for the first traceSamples inputs. */
  traceLayers?: number[];
  traceSamples?: number;
  /** Spike count of every neuron of every layer per input. */
  neuronCounts?: boolean;
  /** A 32-bit digest of each step's spikes (all layers) per input, to find first divergences. */
  stepDigests?: boolean;
  /** The Output node's values at every step, [n][steps][outputs]. */
  outputSteps?: boolean;
  /** First step summed into outputSums (a pipeline's lag: SpiNNaker's last population). */
  outputFrom?: number;
}

export interface SpikeRecord {
  sample: Int32Array;
  step: Int32Array;
  layer: Int32Array;
  neuron: Int32Array;
  count: number;
  /** True when more spikes happened than maxEvents allowed to keep. */
  truncated: boolean;
}

export interface ChunkResult {
  start: number;
  end: number;
  counters: Counters;
  /** Output node values summed over steps, [n][outputs]. */
  outputSums: Float64Array;
  spikes?: SpikeRecord;
  /** Per traced layer: [samples][steps][neurons] of v. */
  traces?: Array<{ layer: number; samples: number; data: Float64Array }>;
  neuronCounts?: Int32Array[];
  stepDigests?: Uint32Array;
  outputSteps?: Float64Array;
}

/** Spikes a record keeps at most (4 int32 columns: 80 MB). */
export const DEFAULT_MAX_EVENTS = 5_000_000;

/** Run inputs [start, end) of row-major [n][steps][channels] frames. */
export function runChunk(
  plan: Plan,
  frames: Float32Array,
  start: number,
  end: number,
  steps: number,
  opts: ChunkOptions = {},
): ChunkResult {
  const runner = new Runner(plan);
  const n = end - start;
  const width = plan.nodes[plan.output]!.size;
  const res: ChunkResult = {
    start,
    end,
    counters: runner.counters,
    outputSums: new Float64Array(n * width),
  };
  const rec = opts.recordSpikes
    ? newRecord(Math.min(opts.maxEvents ?? DEFAULT_MAX_EVENTS, 1 << 16))
    : undefined;
  const maxEvents = opts.maxEvents ?? DEFAULT_MAX_EVENTS;
  if (opts.neuronCounts) res.neuronCounts = plan.layers.map((l) => new Int32Array(n * l.neurons));
  if (opts.stepDigests) res.stepDigests = new Uint32Array(n * steps);
  const traced = opts.traceLayers ?? [];
  const traceN = Math.min(opts.traceSamples ?? 1, n);
  res.traces = traced.map((layer) => ({
    layer,
    samples: traceN,
    data: new Float64Array(traceN * steps * plan.layers[layer]!.neurons),
  }));

  let sample = 0;
  const sink: Sink = {};
  if (rec || res.neuronCounts || res.stepDigests) {
    sink.spikes = (step, layer, ev, nev) => {
      if (rec) rec.push(start + sample, step, layer, ev, nev, maxEvents);
      const counts = res.neuronCounts?.[layer];
      if (counts) {
        const o = sample * plan.layers[layer]!.neurons;
        for (let e = 0; e < nev; e++) counts[o + ev[e]!]!++;
      }
      if (res.stepDigests)
        res.stepDigests[sample * steps + step] = digest(
          res.stepDigests[sample * steps + step]!,
          layer,
          ev,
          nev,
        );
    };
  }
  if (opts.outputSteps) {
    const out = (res.outputSteps = new Float64Array(n * steps * width));
    sink.output = (step, v) => out.set(v, (sample * steps + step) * width);
  }
  if (traced.length > 0) {
    sink.state = (step, layer, v: Vec) => {
      const k = traced.indexOf(layer);
      if (k < 0 || sample >= traceN) return;
      const nn = plan.layers[layer]!.neurons;
      res.traces![k]!.data.set(v, (sample * steps + step) * nn);
    };
  }

  // One input at a time: the state is reset between inputs.
  const stride = steps * plan.channels;
  for (sample = 0; sample < n; sample++) {
    const at = (start + sample) * stride;
    const sums = runner.runSample(frames, at, steps, sink, opts.outputFrom ?? 0);
    res.outputSums.set(sums, sample * width);
  }
  if (rec) res.spikes = rec.finish();
  if (traced.length === 0) delete res.traces;
  return res;
}

/** FNV-1a over (layer, neuron) pairs, chained across the layers of one step. */
function digest(h0: number, layer: number, ev: Int32Array, nev: number): number {
  let h = h0 === 0 ? 0x811c9dc5 : h0;
  h = Math.imul(h ^ (layer + 1), 0x01000193) >>> 0;
  for (let e = 0; e < nev; e++) h = Math.imul(h ^ ev[e]!, 0x01000193) >>> 0;
  return h;
}

function newRecord(capacity: number) {
  let cap = capacity;
  let cols = [0, 0, 0, 0].map(() => new Int32Array(cap));
  let count = 0;
  let truncated = false;
  return {
    push(
      sample: number,
      step: number,
      layer: number,
      ev: Int32Array,
      nev: number,
      max: number,
    ): void {
      for (let e = 0; e < nev; e++) {
        if (count >= max) {
          truncated = true;
          return;
        }
        if (count === cap) {
          cap *= 2;
          cols = cols.map((c) => {
            const d = new Int32Array(cap);
            d.set(c);
            return d;
          });
        }
        cols[0]![count] = sample;
        cols[1]![count] = step;
        cols[2]![count] = layer;
        cols[3]![count++] = ev[e]!;
      }
    },
    finish(): SpikeRecord {
      const [s, t, l, nn] = cols.map((c) => c.slice(0, count)) as [
        Int32Array,
        Int32Array,
        Int32Array,
        Int32Array,
      ];
      return { sample: s, step: t, layer: l, neuron: nn, count, truncated };
    },
  };
}
