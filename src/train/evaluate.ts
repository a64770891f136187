// Evaluation of the training network (tfjs products, JS LIF): accuracy, loss and spike
// statistics; prediction = argmax of output spike counts, ties to the lowest class.
import type { EncodedSet } from '../encoding/encoder.js';
import { accuracyOf, argmaxRows } from '../emulator/result.js';
import { gatherTimeMajor, identityOrder } from './batches.js';
import { crossEntropyOverSteps } from './loss.js';
import type { MatMul } from './matmul.js';
import { lossLogits, snnForward, type SnnNet } from './snn.js';
import {
  countSpikes,
  createCounters,
  summariseCounters,
  totalSpikes,
  type LayerSpikeStats,
} from './spike-stats.js';

export interface SnnEvaluation {
  accuracy: number;
  loss: number;
  predictions: Int32Array;
  /** Output spike counts, row-major [n][classes]. */
  outputCounts: Int32Array;
  layers: LayerSpikeStats[];
  spikesPerInference: number;
}

/** Run a whole set through the network in batches of `batch` samples. */
export function evaluateSnn(net: SnnNet, set: EncodedSet, mm: MatMul, batch = 250): SnnEvaluation {
  const labels = set.labels ?? new Uint8Array(set.n);
  const last = net.layers[net.layers.length - 1]!;
  const classes = last.nOut;
  const counters = createCounters(net.layers.map((l) => l.nOut));
  const outputCounts = new Int32Array(set.n * classes);
  const order = identityOrder(set.n);
  let lossSum = 0;
  for (let start = 0; start < set.n; start += batch) {
    const end = Math.min(start + batch, set.n);
    const b = gatherTimeMajor(set, order, start, end);
    const fwd = snnForward(net, b.x, set.steps, b.batch, mm);
    fwd.traces.forEach((tr, k) => countSpikes(counters[k]!, tr.spk, set.steps * b.batch));

    // Output counts per sample, summed over steps.
    const out = fwd.traces[fwd.traces.length - 1]!.spk;
    for (let t = 0; t < set.steps; t++) {
      for (let r = 0; r < b.batch; r++) {
        for (let c = 0; c < classes; c++) {
          outputCounts[(start + r) * classes + c]! += out[(t * b.batch + r) * classes + c]!;
        }
      }
    }
    const ce = crossEntropyOverSteps(lossLogits(net, fwd), b.labels, set.steps, b.batch, classes);
    lossSum += ce.loss * b.batch;
  }
  const predictions = argmaxRows(outputCounts, set.n, classes);
  const layers = summariseCounters(counters, set.n, set.steps);
  return {
    accuracy: accuracyOf(predictions, labels),
    loss: lossSum / Math.max(1, set.n),
    predictions,
    outputCounts,
    layers,
    spikesPerInference: totalSpikes(layers),
  };
}
