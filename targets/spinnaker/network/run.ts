// The tick loop of a feed-forward sPyNNaker network: every core steps every tick, spikes land in
// the ring buffer at t + delay (docs/spinnaker.md §1.4, §1.7). Engines supply the arithmetic.
import type { PopulationEngine, ProjectionRows } from './engine.js';
import type { FixedNetwork, SpinnNetwork, Stimulus } from './types.js';

/** Operation counts of a run, summed over inferences. */
export interface RunTotals {
  /** Per population. */
  spikes: Float64Array;
  /** Synaptic events delivered into each population (each spike × its fan-out there). */
  synops: Float64Array;
  neuronUpdates: Float64Array;
  /** Ring-buffer saturations per population: [excitatory, inhibitory]. */
  saturations: Float64Array[];
  /** V updates whose s16.15 intermediate wrapped, per population (bit-exact engine only). */
  overflows: Float64Array;
  sourceSpikes: number;
  ticks: number;
}

/** Spike callback: inference, tick, population index (−1 for the host source), neuron. */
export type SpikeSink = (sample: number, tick: number, pop: number, neuron: number) => void;

export interface RunHooks {
  /** Index of the inference, passed to the sink. */
  sample?: number;
  sink?: SpikeSink;
  /** Called every tick after the ring transfer and before the V update (traces, tests). */
  probe?: (tick: number, engines: PopulationEngine[]) => void;
}

/** Row (presynaptic-major) form of every projection; w16 and delays from the fixed form. */
export function buildRows(net: SpinnNetwork, fixed?: FixedNetwork): ProjectionRows[] {
  return net.projections.map((proj, k) => {
    const nPre = proj.pre < 0 ? net.sourceSize : net.populations[proj.pre]!.size;
    const count = new Int32Array(nPre + 1);
    for (const i of proj.preIndex) count[i + 1]! += 1;
    for (let i = 0; i < nPre; i++) count[i + 1]! += count[i]!;
    const fill = count.slice(0, nPre);
    const m = proj.preIndex.length;
    const rows: ProjectionRows = {
      post: proj.post,
      type: proj.receptor === 'excitatory' ? 0 : 1,
      rowPtr: count,
      postIndex: new Int32Array(m),
      w16: new Uint16Array(m),
      weight: new Float64Array(m),
      delayTicks: new Int32Array(m),
    };
    const f = fixed?.projections[k];
    for (let s = 0; s < m; s++) {
      const at = fill[proj.preIndex[s]!]!++;
      rows.postIndex[at] = proj.postIndex[s]!;
      rows.weight[at] = proj.weight[s]!;
      rows.w16[at] = f ? f.w16[s]! : 0;
      rows.delayTicks[at] = f
        ? f.delayTicks[s]!
        : Math.max(1, Math.round(proj.delay[s]! / net.timestepMs));
    }
    return rows;
  });
}

/** Ticks one inference takes: the model's steps plus the lag of the last population. */
export function ticksPerInference(net: SpinnNetwork): number {
  return net.steps + net.populations[net.populations.length - 1]!.lag;
}

/** Empty totals for a network. */
export function emptyTotals(net: SpinnNetwork): RunTotals {
  const n = net.populations.length;
  return {
    spikes: new Float64Array(n),
    synops: new Float64Array(n),
    neuronUpdates: new Float64Array(n),
    saturations: net.populations.map(() => new Float64Array(2)),
    overflows: new Float64Array(n),
    sourceSpikes: 0,
    ticks: 0,
  };
}

/**
 * Run one inference from a reset state; returns the last population's spike counts inside its
 * window (ticks lag … lag + steps − 1) and adds every count to `totals`.
 */
export function runInference(
  net: SpinnNetwork,
  engines: PopulationEngine[],
  rows: ProjectionRows[],
  stim: Stimulus,
  totals: RunTotals,
  hooks: RunHooks = {},
): Int32Array {
  const { sample = 0, sink, probe } = hooks;
  const pops = net.populations;
  const last = pops.length - 1;
  const ticks = ticksPerInference(net);
  const outCounts = new Int32Array(pops[last]!.size);
  const outgoing = pops.map((_, p) => rows.filter((r, k) => net.projections[k]!.pre === p));
  const fromSource = rows.filter((_, k) => net.projections[k]!.pre < 0);
  const scratch = new Int32Array(Math.max(...pops.map((p) => p.size)));
  const n0 = pops[0]!.size;
  for (const e of engines) e.reset();

  for (let t = 0; t < ticks; t++) {
    // Every core moves slot t into its synaptic state at the timer tick, before any spike of
    // tick t arrives, so a delay equal to the ring size lands a full turn later (docs §1.4).
    for (const e of engines) e.transfer(t);
    probe?.(t, engines);

    // Host spike source: a spike at tick t enters the ring at t + delay (docs §1.7).
    for (const i of stim.sourceSpikes?.[t] ?? []) {
      totals.sourceSpikes += 1;
      sink?.(sample, t, -1, i);
      for (const r of fromSource) {
        engines[r.post]!.deliver(t, r, i);
        totals.synops[r.post]! += r.rowPtr[i + 1]! - r.rowPtr[i]!;
      }
    }
    for (let p = 0; p <= last; p++) {
      const e = engines[p]!;
      const current =
        p === 0 && stim.currents && t < net.steps
          ? stim.currents.subarray(t * n0, (t + 1) * n0)
          : undefined;
      const nSpikes = e.update(current, t >= pops[p]!.lag, scratch);
      totals.neuronUpdates[p]! += e.size;
      totals.spikes[p]! += nSpikes;
      for (let s = 0; s < nSpikes; s++) {
        const i = scratch[s]!;
        sink?.(sample, t, p, i);
        if (p === last && t >= pops[last]!.lag) outCounts[i]! += 1;
        for (const r of outgoing[p]!) {
          engines[r.post]!.deliver(t, r, i);
          totals.synops[r.post]! += r.rowPtr[i + 1]! - r.rowPtr[i]!;
        }
      }
    }
  }
  engines.forEach((e, p) => {
    totals.saturations[p]![0]! += e.saturations[0]!;
    totals.saturations[p]![1]! += e.saturations[1]!;
    totals.overflows[p]! += e.overflows ?? 0;
  });
  totals.ticks += ticks;
  return outCounts;
}
