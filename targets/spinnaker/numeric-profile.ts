// sPyNNaker 7.x arithmetic (docs/spinnaker.md §1) as a NumericProfile of the shared emulator
// core: the LIF tick is a target kernel (./core-kernel.ts) and the synaptic input a synapse
// stage: per-receptor uint16 ring buffers with integer delays, saturating at 0xFFFF per event,
// each receptor's entries shifted left into s16.15 as they leave the ring.
import type { NumericProfile } from '../../src/quantize/profile.js';
import { spinnakerKernel } from './core-kernel.js';
import { CELL_TYPES, type CellType, type InputMode } from './network/types.js';
import { RING_ENTRY_MAX } from './profile/population-fixed.js';
import { expk } from './profile/exp.js';
import { encodeS1615, S1615_FRACTION_BITS } from './profile/s1615.js';

/** What distinguishes one SpiNNaker core profile from another. */
export interface SpinnakerCoreConfig {
  cell: CellType;
  /** current: the host's first-layer currents as s16.15 frames; spikes: a spike source. */
  inputMode: InputMode;
}

/** Rebuild the profile from its stored config (worker threads, profileFromSpec). */
export function makeTargetProfile(config: Record<string, number | string>): NumericProfile {
  const cell = CELL_TYPES.find((c) => c === config.cell) ?? 'IF_curr_delta';
  const inputMode = config.inputMode === 'spikes' ? 'spikes' : 'current';
  return spinnakerProfile({ cell, inputMode });
}

/** The SpiNNaker profile for one cell type and input form. */
export function spinnakerProfile(c: SpinnakerCoreConfig): NumericProfile {
  const spikes = c.inputMode === 'spikes';
  return {
    id: `spinnaker-${c.cell}-${c.inputMode}`,
    name: 'spinnaker',
    kind: 'integer',
    description:
      `sPyNNaker ${c.cell} in s16.15 with 16-bit ring buffers, ` +
      (spikes ? 'a host spike source' : 'host-computed first-layer currents'),
    // §1.1: REAL is s16.15 in an int32; V and the synaptic state wrap silently (counted).
    state: { bits: 32, overflow: 'wrap' },
    current: { bits: 32, overflow: 'wrap' },
    accumulator: { bits: 32, overflow: 'wrap' },
    // §1.3: exp_TC from the chip's expk table, applied by mulk (floor, 15 fraction bits).
    leak: {
      kind: 'table',
      fractionBits: S1615_FRACTION_BITS,
      rounding: 'floor',
      factor: (beta) => expk(encodeS1615(Math.log(beta))),
    },
    // §1.6: a 16-bit magnitude whose sign is the receptor, shifted left per receptor.
    weight: {
      bits: 17,
      sign: 'symmetric',
      shiftMin: -16,
      shiftMax: 0,
      shiftRounding: 'floor',
      scale: 'power-of-two',
    },
    // Currents enter as raw s16.15 bits; spikes as 0/1 of the host source (§1.7).
    input: spikes ? { mode: 'binary', bits: 2 } : { mode: 'graded', bits: 32 },
    // §1.4: V >= v_thresh; V ← v_reset with a refractory count per neuron (in the kernel).
    compare: '>=',
    reset: { mode: 'zero', timing: 'same-step', refractorySteps: 0 },
    // Delays live in the synapse stage, per connection.
    synapticDelay: 0,
    headroomBits: 0,
    // §1.1: the host encodes parameters with ties to even.
    paramRounding: 'nearest-even',
    neuronKernel: spinnakerKernel(c.cell === 'IF_curr_delta'),
    // §1.6: two receptors, uint16 entries saturating at 0xFFFF.
    synapseStage: { receptors: 2, entryMax: RING_ENTRY_MAX },
    config: { cell: c.cell, inputMode: c.inputMode },
  };
}
