// What an emulation run reports: predictions and the operation counts energy is made of.

/** Counts of one layer, summed over every input of a run. */
export interface LayerCounts {
  /** Neuron node name in the IR. */
  name: string;
  neurons: number;
  spikes: number;
  /** Accumulates caused by spikes (each spike × its fan-out). */
  synops: number;
  /** Multiply-accumulates of an analog (graded) input layer. */
  macs: number;
  neuronUpdates: number;
  weightReads: number;
}

export interface EmulationResult {
  /** Target or profile that ran, e.g. 'int8', 'loihi', 'fpga'. */
  target: string;
  /** Inputs run. */
  n: number;
  /** Time steps per input. */
  steps: number;
  /** Predicted class per input (argmax of output spike counts, lowest index on ties). */
  predictions: Int32Array;
  /** Output spike counts, row-major [n][classes]. */
  outputCounts: Int32Array;
  /** Fraction correct when labels were given. */
  accuracy?: number;
  perLayer: LayerCounts[];
  /** Clock cycles over the whole run, for targets with a cycle model. */
  cycles?: number;
  /** Outcome of a comparison the run was asked for (golden vectors, RTL); failed → exit 1. */
  check?: { passed: boolean; summary: string; firstDifference?: string };
  /** Target-specific figures (latency, clock, mapping) for --json output. */
  extra?: Record<string, unknown>;
}

/** Per-inference averages of a run's counts. */
export function perInference(r: EmulationResult): {
  spikes: number;
  synops: number;
  macs: number;
  neuronUpdates: number;
  weightReads: number;
  cycles?: number;
} {
  const sum = (f: (l: LayerCounts) => number) => r.perLayer.reduce((a, l) => a + f(l), 0) / r.n;
  const out = {
    spikes: sum((l) => l.spikes),
    synops: sum((l) => l.synops),
    macs: sum((l) => l.macs),
    neuronUpdates: sum((l) => l.neuronUpdates),
    weightReads: sum((l) => l.weightReads),
  };
  return r.cycles === undefined ? out : { ...out, cycles: r.cycles / r.n };
}

/** Argmax of each row of counts, ties to the lowest index. */
export function argmaxRows(counts: Int32Array, n: number, classes: number): Int32Array {
  const pred = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) {
      if (counts[i * classes + c]! > counts[i * classes + best]!) best = c;
    }
    pred[i] = best;
  }
  return pred;
}

/** Fraction of predictions equal to labels. */
export function accuracyOf(pred: Int32Array, labels: Uint8Array): number {
  let ok = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === labels[i]) ok++;
  return pred.length === 0 ? 0 : ok / pred.length;
}
