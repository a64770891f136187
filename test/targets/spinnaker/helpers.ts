// Factories for small sPyNNaker networks in tests.
import type {
  CellType,
  PopulationParams,
  SpinnNetwork,
  SpinnPopulation,
  SpinnProjection,
  Receptor,
} from '../../../targets/spinnaker/network/types.js';
import { FixedPopulationEngine } from '../../../targets/spinnaker/profile/population-fixed.js';
import { quantiseNetwork } from '../../../targets/spinnaker/profile/quantise.js';
import {
  buildRows,
  emptyTotals,
  runInference,
  type RunHooks,
} from '../../../targets/spinnaker/network/run.js';
import type { Stimulus } from '../../../targets/spinnaker/network/types.js';

/** A population with the §1.8 defaults: tau_m 20, cm 1, v_rest = v_reset = 0, v_thresh 1. */
export function makePopulation(
  size: number,
  cell: CellType,
  over: Partial<Record<keyof PopulationParams, number>> = {},
  lag = 0,
): SpinnPopulation {
  const fill = (v: number) => new Float64Array(size).fill(v);
  const base: Record<string, number> = {
    tau_m: 20,
    cm: 1,
    v_rest: 0,
    v_reset: 0,
    v_thresh: 1,
    tau_refrac: 0,
    i_offset: 0,
    v_init: 0,
    ...(cell === 'IF_curr_exp' ? { tau_syn_E: 5, tau_syn_I: 5 } : {}),
    ...over,
  };
  const params = Object.fromEntries(Object.entries(base).map(([k, v]) => [k, fill(v)]));
  const p = params as unknown as PopulationParams;
  return {
    label: `pop${lag}`,
    source: `pop${lag}`,
    size,
    cell,
    vScale: 1,
    params: p,
    lag,
    bias: new Float64Array(size),
  };
}

/** A projection from a list of (pre, post, weight nA, delay ms). */
export function makeProjection(
  pre: number,
  post: number,
  receptor: Receptor,
  list: Array<[number, number, number, number]>,
): SpinnProjection {
  return {
    label: `p${pre}_${post}_${receptor}`,
    pre,
    post,
    receptor,
    preIndex: Int32Array.from(list, (c) => c[0]),
    postIndex: Int32Array.from(list, (c) => c[1]),
    weight: Float64Array.from(list, (c) => c[2]),
    delay: Float64Array.from(list, (c) => c[3]),
  };
}

/** A network around populations and projections; `steps` ticks per inference. */
export function makeNetwork(
  populations: SpinnPopulation[],
  projections: SpinnProjection[],
  steps: number,
  sourceSize = 0,
): SpinnNetwork {
  return {
    timestepMs: 1,
    cell: populations[0]!.cell,
    inputMode: sourceSize > 0 ? 'spikes' : 'current',
    sourceSize,
    populations,
    projections,
    steps,
  };
}

/** Quantise and run one inference bit-exactly; returns per-tick probes of V and isyn bits. */
export function runFixed(
  net: SpinnNetwork,
  stim: Stimulus,
  hooks: RunHooks = {},
): {
  vBits: number[][];
  excBits: number[][];
  inhBits: number[][];
  out: Int32Array;
  totals: ReturnType<typeof emptyTotals>;
  quantised: ReturnType<typeof quantiseNetwork>;
} {
  const quantised = quantiseNetwork(net, 256);
  const engines = quantised.fixed.populations.map((p) => new FixedPopulationEngine(p));
  const rows = buildRows(quantised.network, quantised.fixed);
  const totals = emptyTotals(net);
  const vBits: number[][] = [];
  const excBits: number[][] = [];
  const inhBits: number[][] = [];
  const out = runInference(quantised.network, engines, rows, stim, totals, {
    ...hooks,
    probe: (t, es) => {
      const e = es[es.length - 1] as FixedPopulationEngine;
      const b = Array.from({ length: e.size }, (_, i) => e.bits(i));
      vBits.push(b.map((x) => x.v));
      excBits.push(b.map((x) => x.exc));
      inhBits.push(b.map((x) => x.inh));
      hooks.probe?.(t, es);
    },
  });
  return { vBits, excBits, inhBits, out, totals, quantised };
}
