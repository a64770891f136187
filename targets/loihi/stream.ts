// The run run_lava.py performs: every input one after another in one Lava run of n·T + L steps,
// netx's LIFReset zeroing layer k at the first step of each of its windows. The result is
// written in the golden-vector layout, so either side can check the other bit for bit.
import { argmaxRows } from '../../src/emulator/result.js';
import type { IntegerInputs } from './emulate-model.js';
import { INPUT, type LoihiNetwork } from './network.js';
import { Simulator } from './simulate.js';
import type { Overflow } from './profile.js';

/** Spikes of every layer at every step of the stream, and each input's prediction. */
export interface StreamRun {
  totalSteps: number;
  raster: number[][];
  spikes: Record<string, number[][]>;
  predictions: number[];
  /** u wraps and v saturations per layer during the run. */
  overflow: Overflow[];
}

/** Input of stream step t (from 1): input i's step s sits at t = i·T + s + 1; zeros after. */
export function streamRaster(ints: IntegerInputs, depth: number): number[][] {
  const total = ints.n * ints.steps + depth;
  const rows: number[][] = [];
  for (let t = 0; t < total; t++) {
    const o = t * ints.channels;
    rows.push(
      t < ints.n * ints.steps
        ? Array.from(ints.data.subarray(o, o + ints.channels))
        : new Array<number>(ints.channels).fill(0),
    );
  }
  return rows;
}

/** Run the stream; prediction i counts the last layer's spikes at steps i·T+L+1 … i·T+L+T. */
export function runStream(net: LoihiNetwork, ints: IntegerInputs): StreamRun {
  const depth = net.layers.length;
  const raster = streamRaster(ints, depth);
  const sim = new Simulator(net);
  const spikes: Record<string, number[][]> = Object.fromEntries(
    net.layers.map((l) => [l.name, []]),
  );
  const last = net.layers[depth - 1]!;
  const counts = new Int32Array(ints.n * last.n);
  raster.forEach((row, t0) => {
    const t = t0 + 1;
    sim.step(t, row);
    net.layers.forEach((l, k) => spikes[l.name]!.push(Array.from(sim.spikes[k]!)));
    const i = Math.floor((t - depth - 1) / ints.steps);
    if (t > depth && i < ints.n) {
      for (let j = 0; j < last.n; j++) counts[i * last.n + j]! += sim.spikes[depth - 1]![j]!;
    }
  });
  const predictions = Array.from(argmaxRows(counts, ints.n, last.n));
  const overflow = sim.counts.map((c) => c.overflow);
  return { totalSteps: raster.length, raster, spikes, predictions, overflow };
}

/** The stream as a golden-vector file (shared/fixtures/loihi-lava layout plus LIFReset keys). */
export function streamGolden(
  net: LoihiNetwork,
  run: StreamRun,
  effective: Int32Array[],
  meta: {
    name: string;
    description: string;
    stamp: Record<string, string>;
    steps: number;
    inputMessageBits: number;
  },
): Record<string, unknown> {
  const rows = (w: ArrayLike<number>, nPre: number) => {
    const out: number[][] = [];
    for (let o = 0; o < w.length; o += nPre) out.push(Array.from(w).slice(o, o + nPre));
    return out;
  };
  const size = (name: string) =>
    name === INPUT ? net.nInputs : net.layers.find((l) => l.name === name)!.n;
  return {
    name: meta.name,
    description: meta.description,
    generated_by: meta.stamp,
    T: run.totalSteps,
    n_in: net.nInputs,
    input_raster_tn: run.raster,
    layers: net.layers.map((l) => ({
      name: l.name,
      n: l.n,
      du: l.du,
      dv: l.dv,
      vth: l.vth,
      bias_mant: Array.from(l.biasMant),
      bias_exp: Array.from(l.biasExp),
      u_init: 0,
      v_init: 0,
      ...(l.reset ? { reset_interval: l.reset.interval, reset_offset: l.reset.offset } : {}),
    })),
    connections: net.connections.map((c, i) => ({
      name: c.name,
      pre: c.pre,
      post: c.post,
      weights_given: rows(c.weights, size(c.pre)),
      weight_exp: c.weightExp,
      num_weight_bits: c.numWeightBits,
      num_message_bits: c.graded ? meta.inputMessageBits : 0,
      weights_effective: rows(effective[i]!, size(c.pre)),
    })),
    outputs: {
      spikes_tn: run.spikes,
      spike_counts: Object.fromEntries(
        Object.entries(run.spikes).map(([k, v]) => [k, v.flat().reduce((a, b) => a + b, 0)]),
      ),
    },
    inference: {
      samples: run.predictions.length,
      steps: meta.steps,
      depth: net.layers.length,
      predictions: run.predictions,
    },
  };
}
