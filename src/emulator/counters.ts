// The counts a run keeps per layer: the operations energy is made of, clock cycles for
// profiles with a cycle model, and the tallies a target's neuron kernel keeps.

/** Per-layer totals, indexed like plan.layers. */
export interface Counters {
  spikes: Float64Array;
  synops: Float64Array;
  macs: Float64Array;
  neuronUpdates: Float64Array;
  weightReads: Float64Array;
  cycles: number;
  /** A target kernel's own counts, [layer][profile.neuronKernel.tallies]. */
  tallies?: Float64Array;
  /** Ring additions clipped at entryMax, [layer][receptor] (profile.synapseStage only). */
  saturations?: Float64Array;
}

/** Zeroed counters for a plan with this many layers (kernel tallies, receptors per layer). */
export function newCounters(layers: number, tallies = 0, receptors = 0): Counters {
  const z = () => new Float64Array(layers);
  const c: Counters = {
    spikes: z(),
    synops: z(),
    macs: z(),
    neuronUpdates: z(),
    weightReads: z(),
    cycles: 0,
  };
  if (tallies > 0) c.tallies = new Float64Array(layers * tallies);
  if (receptors > 0) c.saturations = new Float64Array(layers * receptors);
  return c;
}
