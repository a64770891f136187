// Everything the sPyNNaker host does to a float PyNN network before the board sees it: s16.15
// parameters, on-chip constants, one left shift per receptor, 16-bit weights, integer delays.
// The float network comes back snapped to exactly those values, so a script that passes the
// snapped floats makes the host produce the very same integers.
import type {
  FixedNetwork,
  FixedPopulation,
  FixedProjection,
  SpinnNetwork,
  SpinnPopulation,
} from '../network/types.js';
import { encodeS1615, S1615_ONE } from './s1615.js';
import { deltaInputScale, expSynapseConstants, lifChipConstants } from './lif-constants.js';
import {
  defaultSpikesPerTick,
  packWeight,
  projectionStats,
  ringBufferShift,
  weightLsb,
  worstCaseInput,
  type ProjectionWeightStats,
} from './weights.js';
import { delayTicks, ringLayout, type RingLayout } from './delays.js';

/** What one projection suffers in quantisation (issue: shift, zeros, saturations). */
export interface ProjectionQuantisation {
  label: string;
  receptor: string;
  synapses: number;
  shift: number;
  lsbNa: number;
  /** Non-zero float weights whose 16-bit word is 0. */
  zeroed: number;
  zeroedShare: number;
  /** Largest |w − w16·LSB| in nA, before snapping. */
  maxErrorNa: number;
  /** Delays below one tick raised to one tick (docs §6.5). */
  clippedDelays: number;
}

export interface QuantisedNetwork {
  network: SpinnNetwork;
  fixed: FixedNetwork;
  projections: ProjectionQuantisation[];
  rings: RingLayout[];
}

/** Largest iterations of shift → snap → shift; the shift only grows, so two normally suffice. */
const MAX_SHIFT_PASSES = 4;

/** Encode a population's parameters and compute what the chip derives from them. */
function fixPopulation(
  pop: SpinnPopulation,
  timestepBits: number,
  ring: RingLayout,
): FixedPopulation {
  const n = pop.size;
  const p = pop.params;
  const enc = (a: Float64Array) => Int32Array.from(a, encodeS1615);
  const tauM = enc(p.tau_m);
  const cm = enc(p.cm);
  const tauRefrac = enc(p.tau_refrac);
  const r = new Int32Array(n);
  const expTc = new Int32Array(n);
  const tRefract = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = lifChipConstants({
      tauM: tauM[i]!,
      cm: cm[i]!,
      tauRefrac: tauRefrac[i]!,
      timestep: timestepBits,
    });
    r[i] = c.r;
    expTc[i] = c.expTc;
    tRefract[i] = c.tRefract;
  }
  const syn = (tau: Float64Array | undefined) => {
    const decay = new Float64Array(n);
    const init = new Float64Array(n);
    for (let i = 0; tau && i < n; i++) {
      const s = expSynapseConstants(encodeS1615(tau[i]!), timestepBits);
      decay[i] = s.decay;
      init[i] = s.init;
    }
    return { decay, init };
  };
  const e = syn(p.tau_syn_E);
  const h = syn(p.tau_syn_I);
  return {
    size: n,
    cell: pop.cell,
    vInit: enc(p.v_init),
    vRest: enc(p.v_rest),
    vReset: enc(p.v_reset),
    vThresh: enc(p.v_thresh),
    iOffset: enc(p.i_offset),
    bias: enc(pop.bias),
    lag: pop.lag,
    r,
    expTc,
    tRefract,
    deltaScale: deltaInputScale(timestepBits),
    synDecay: [e.decay, h.decay],
    synInit: [e.init, h.init],
    shifts: [0, 0],
    ringSlots: ring.slots,
  };
}

/** One shift per post population and receptor from the worst-case input (docs §1.6). */
function chooseShifts(net: SpinnNetwork, weights: Float64Array[]): number[][] {
  const spt = defaultSpikesPerTick(net.timestepMs);
  const stats: ProjectionWeightStats[][][] = net.populations.map(() => [[], []]);
  net.projections.forEach((proj, k) => {
    const s = projectionStats(weights[k]!, proj.postIndex, net.populations[proj.post]!.size, spt);
    stats[proj.post]![proj.receptor === 'excitatory' ? 0 : 1]!.push(s);
  });
  return stats.map((byType) => byType.map((s) => ringBufferShift(worstCaseInput(s))));
}

/** Quantise a float network as the sPyNNaker host would, with a report per projection. */
export function quantiseNetwork(net: SpinnNetwork, neuronsPerCore: number): QuantisedNetwork {
  const timestepBits = encodeS1615(net.timestepMs);
  const snap = (a: Float64Array) => a.map((x) => encodeS1615(x) / S1615_ONE);

  // Integer delays, and the ring layout of each post population.
  const delays = net.projections.map((proj) => {
    const ticks = new Int32Array(proj.delay.length);
    let clipped = 0;
    proj.delay.forEach((d, s) => {
      const r = delayTicks(d, net.timestepMs);
      ticks[s] = r.ticks;
      if (r.clipped) clipped++;
    });
    return { ticks, clipped };
  });
  const rings = net.populations.map((pop, p) => {
    let maxDelay = 1;
    net.projections.forEach((proj, k) => {
      if (proj.post === p) for (const d of delays[k]!.ticks) maxDelay = Math.max(maxDelay, d);
    });
    return ringLayout(Math.min(neuronsPerCore, pop.size), maxDelay);
  });

  // Shift from the float weights, snap, and repeat until the snapped weights give the same shift.
  let shifts = chooseShifts(
    net,
    net.projections.map((p) => p.weight),
  );
  const snapWeights = () =>
    net.projections.map((proj) => {
      const shift = shifts[proj.post]![proj.receptor === 'excitatory' ? 0 : 1]!;
      return proj.weight.map((w) => packWeight(w, shift) * weightLsb(shift));
    });
  for (let pass = 0; pass < MAX_SHIFT_PASSES; pass++) {
    const again = chooseShifts(net, snapWeights());
    if (again.every((s, p) => s[0] === shifts[p]![0] && s[1] === shifts[p]![1])) break;
    shifts = again.map((s, p) => [
      Math.max(s[0]!, shifts[p]![0]!),
      Math.max(s[1]!, shifts[p]![1]!),
    ]);
  }
  const weights = snapWeights();

  const populations = net.populations.map((pop) => ({
    ...pop,
    bias: snap(pop.bias),
    params: Object.fromEntries(
      Object.entries(pop.params).map(([k, v]) => [k, snap(v as Float64Array)]),
    ) as unknown as SpinnPopulation['params'],
  }));
  const fixedPops = populations.map((pop, p) => {
    const f = fixPopulation(pop, timestepBits, rings[p]!);
    f.shifts = [shifts[p]![0]!, shifts[p]![1]!];
    return f;
  });
  const report: ProjectionQuantisation[] = [];
  const fixedProjs: FixedProjection[] = net.projections.map((proj, k) => {
    const shift = shifts[proj.post]![proj.receptor === 'excitatory' ? 0 : 1]!;
    const w16 = Uint16Array.from(proj.weight, (w) => packWeight(w, shift));
    let zeroed = 0;
    let maxErrorNa = 0;
    proj.weight.forEach((w, s) => {
      if (w !== 0 && w16[s] === 0) zeroed++;
      maxErrorNa = Math.max(maxErrorNa, Math.abs(Math.abs(w) - w16[s]! * weightLsb(shift)));
    });
    report.push({
      label: proj.label,
      receptor: proj.receptor,
      synapses: w16.length,
      shift,
      lsbNa: weightLsb(shift),
      zeroed,
      zeroedShare: w16.length === 0 ? 0 : zeroed / w16.length,
      maxErrorNa,
      clippedDelays: delays[k]!.clipped,
    });
    return { w16, delayTicks: delays[k]!.ticks };
  });
  const projections = net.projections.map((proj, k) => ({
    ...proj,
    weight: weights[k]!,
    delay: Float64Array.from(delays[k]!.ticks, (d) => d * net.timestepMs),
  }));
  return {
    network: { ...net, populations, projections },
    fixed: { timestepBits, populations: fixedPops, projections: fixedProjs },
    projections: report,
    rings,
  };
}
