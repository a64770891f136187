// Delays and the ring-buffer width on a core (docs/spinnaker.md §1.6–§1.7: synapse_io,
// abstract_connector._clip_delays, abstract_population_vertex.get_max_delay).
import { roundHalfEven } from './s1615.js';

/** MAX_RING_BUFFER_BITS: delay, synapse-type and neuron-index bits share 14 bits (docs §1.6). */
export const MAX_RING_BUFFER_BITS = 14;
/** Two receptors (excitatory, inhibitory) need one synapse-type bit (docs §1.5). */
export const SYNAPSE_TYPE_BITS = 1;

/** get_n_bits: bits for n values (0 → 0, 1 → 1, else ceil(log2 n)). */
export function nBits(n: number): number {
  if (n === 0) return 0;
  if (n === 1) return 1;
  return Math.ceil(Math.log2(n));
}

/** Delay in ticks: rint(delay_ms / dt), clipped up to one tick (docs §1.7, §6.5). */
export function delayTicks(
  delayMs: number,
  timestepMs: number,
): { ticks: number; clipped: boolean } {
  const ticks = roundHalfEven(delayMs / timestepMs);
  return ticks < 1 ? { ticks: 1, clipped: true } : { ticks, clipped: false };
}

/** The ring-buffer layout of one post population and whether its delays fit on the core. */
export interface RingLayout {
  atomBits: number;
  delayBits: number;
  /** Slots in the ring buffer: 2^delayBits. */
  slots: number;
  /** Longest delay the core holds without delay-extension cores: 2^delayBits ticks. */
  maxOnCoreDelay: number;
  needsExtension: boolean;
  /** Ring-buffer entries (uint16) per core. */
  entries: number;
}

/**
 * Delay bits = min(bits(max delay), 14 − atom bits − type bits); longer delays need a delay-
 * extension vertex (docs §1.7).
 */
export function ringLayout(atomsOnCore: number, maxDelayTicks: number): RingLayout {
  const atomBits = nBits(atomsOnCore);
  const available = MAX_RING_BUFFER_BITS - atomBits - SYNAPSE_TYPE_BITS;
  const wanted = nBits(maxDelayTicks);
  const delayBits = Math.max(0, Math.min(available, wanted));
  return {
    atomBits,
    delayBits,
    slots: 2 ** delayBits,
    maxOnCoreDelay: 2 ** delayBits,
    needsExtension: wanted > delayBits,
    entries: 2 ** (delayBits + SYNAPSE_TYPE_BITS + atomBits),
  };
}
