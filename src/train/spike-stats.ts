// Spike statistics of a spiking network over an evaluation set, per layer.

export interface LayerSpikeStats {
  /** Neuron node name in the exported IR (lif1, lif2, ...). */
  name: string;
  neurons: number;
  /** Mean spikes of the layer per inference (all steps). */
  spikesPerInference: number;
  /** Spikes per neuron per time step. */
  firingRate: number;
  /** Share of the layer's neurons that never spiked on the whole set. */
  silentFraction: number;
}

/** Running per-neuron spike counts of one layer. */
export interface SpikeCounter {
  neurons: number;
  perNeuron: Float64Array;
}

/** Zeroed counters for layers of the given widths. */
export function createCounters(widths: number[]): SpikeCounter[] {
  return widths.map((n) => ({ neurons: n, perNeuron: new Float64Array(n) }));
}

/** Add the spikes of a [rows][n] 0/1 array to a counter. */
export function countSpikes(counter: SpikeCounter, spk: Float32Array, rows: number): void {
  const n = counter.neurons;
  const c = counter.perNeuron;
  for (let r = 0; r < rows; r++) {
    const off = r * n;
    for (let j = 0; j < n; j++) c[j]! += spk[off + j]!;
  }
}

/** Per-layer statistics after `samples` inferences of `steps` steps each. */
export function summariseCounters(
  counters: SpikeCounter[],
  samples: number,
  steps: number,
): LayerSpikeStats[] {
  return counters.map((c, k) => {
    let total = 0;
    let silent = 0;
    for (let j = 0; j < c.neurons; j++) {
      total += c.perNeuron[j]!;
      if (c.perNeuron[j] === 0) silent++;
    }
    return {
      name: `lif${k + 1}`,
      neurons: c.neurons,
      spikesPerInference: total / samples,
      firingRate: total / (samples * steps * c.neurons),
      silentFraction: silent / c.neurons,
    };
  });
}

/** Sum of the layers' spikes per inference. */
export function totalSpikes(stats: LayerSpikeStats[]): number {
  return stats.reduce((a, s) => a + s.spikesPerInference, 0);
}
