// NeuroBench-style metrics of a network run (docs/energy.md gives the definitions).
import type { ChainLayer } from '../ir/chain.js';
import type { EmulationResult } from '../emulator/result.js';
import { perInference } from '../emulator/result.js';

export interface NeuroBenchMetrics {
  /** Synaptic operations if every synapse fired every step. */
  denseSynops: number;
  /** Multiply-accumulates actually done: the analog (graded) first layer. */
  effectiveMacs: number;
  /** Accumulates actually done: one per spike per fan-out synapse. */
  effectiveAcs: number;
  /** Share of neuron-steps without a spike. */
  activationSparsity: number;
  /** Share of weights that are exactly zero in the float model. */
  connectionSparsity: number;
  /** Bytes of weights and neuron parameters: float32 model, and per target weight width. */
  footprintBytes: Record<string, number>;
}

/** Weight widths in bits each target stores (targets/<t>/README.md). */
export const TARGET_WEIGHT_BITS: Record<string, number> = {
  float32: 32,
  loihi: 8,
  spinnaker: 16,
  fpga: 8,
};

/** Metrics of one emulation run of a chain network over `steps` steps. */
export function neuroBenchMetrics(layers: ChainLayer[], run: EmulationResult): NeuroBenchMetrics {
  const per = perInference(run);
  const synapses = layers.reduce((a, l) => a + l.nIn * l.nOut, 0);
  const neurons = layers.reduce((a, l) => a + l.nOut, 0);
  let zeros = 0;
  for (const l of layers) for (const w of l.weight) if (w === 0) zeros++;
  const footprintBytes: Record<string, number> = {};
  for (const [t, bits] of Object.entries(TARGET_WEIGHT_BITS)) {
    // Weights at the target's width, plus bias, decay and threshold per neuron at 32 bits.
    footprintBytes[t] = Math.ceil((synapses * bits) / 8) + neurons * 3 * 4;
  }
  return {
    denseSynops: synapses * run.steps,
    effectiveMacs: per.macs,
    effectiveAcs: per.synops,
    activationSparsity: 1 - per.spikes / (neurons * run.steps),
    connectionSparsity: synapses === 0 ? 0 : zeros / synapses,
    footprintBytes,
  };
}
