// How the sPyNNaker host turns float weights into 16-bit synaptic words (docs/spinnaker.md §1.6:
// abstract_population_vertex.get_ring_buffer_shifts and _Stats, synapse_dynamics_static).
import { roundHalfEven, S1615_FRACTION_BITS } from './s1615.js';

/** spynnaker.cfg default rate assumed for neuron sources (docs §1.6). */
export const DEFAULT_SPIKES_PER_SECOND = 30;
/** Weight field of the synaptic word: bits 31..16, unsigned (docs §1.6). */
export const WEIGHT_FIELD_MASK = 0xffff;

/** What one incoming projection adds to the worst-case input of a receptor (docs §1.6). */
export interface ProjectionWeightStats {
  /** Largest |w| in the projection, nA. */
  maxWeight: number;
  /** Most connections into one postsynaptic neuron. */
  maxFanIn: number;
  /** Spikes one presynaptic neuron may send per tick. */
  spikesPerTick: number;
}

/** spikes_per_tick of a source that states no maximum: max(1, rate / steps per second). */
export function defaultSpikesPerTick(timestepMs: number): number {
  return Math.max(1, DEFAULT_SPIKES_PER_SECOND / (1000 / timestepMs));
}

/**
 * W_s with constant delays: max(Σ spikes_per_tick × max|w| × max fan-in, biggest |w|)
 * (docs §1.6, _Stats.get_max_weight when the delay variance is 0).
 */
export function worstCaseInput(stats: readonly ProjectionWeightStats[]): number {
  let total = 0;
  let biggest = 0;
  for (const s of stats) {
    total += s.spikesPerTick * s.maxWeight * s.maxFanIn;
    biggest = Math.max(biggest, s.maxWeight);
  }
  return Math.max(total, biggest);
}

/** p = ceil(log2 W_s) clamped at 0, plus one when 2^p ≤ W_s (docs §1.6). */
export function ringBufferShift(worstCase: number): number {
  if (worstCase <= 0) return 0;
  const p = Math.ceil(Math.max(0, Math.log2(worstCase)));
  return 2 ** p <= worstCase ? p + 1 : p;
}

/** Real value of one weight unit for a shift: 2^(p − 15) nA (docs §1.6). */
export function weightLsb(shift: number): number {
  return 2 ** (shift - S1615_FRACTION_BITS);
}

/**
 * The 16-bit weight the host packs: rint(|w| × 2^(15 − p)) & 0xFFFF — ties to even, the sign
 * discarded, overflow wrapping silently (docs §1.6, §6.1).
 */
export function packWeight(weight: number, shift: number): number {
  return roundHalfEven(Math.abs(weight) / weightLsb(shift)) & WEIGHT_FIELD_MASK;
}

/** Largest |w| and the largest number of connections into one post neuron. */
export function projectionStats(
  weight: Float64Array,
  postIndex: Int32Array,
  nPost: number,
  spikesPerTick: number,
): ProjectionWeightStats {
  const fanIn = new Int32Array(nPost);
  let maxWeight = 0;
  for (let k = 0; k < weight.length; k++) {
    maxWeight = Math.max(maxWeight, Math.abs(weight[k]!));
    fanIn[postIndex[k]!]! += 1;
  }
  let maxFanIn = 0;
  for (const f of fanIn) maxFanIn = Math.max(maxFanIn, f);
  return { maxWeight, maxFanIn, spikesPerTick };
}
