// Plain-JS float64 evaluator of an exported model, read through extractChain, so the demo and
// the tests can score a model file without tfjs. Per neuron, with s the previous step's spike:
//   subtract: v ← β·v + g·(W·x + b) + (1−β)·v_leak − s·θ
//   zero:     v ← β·(s ? v_reset : v) + g·(W·x + b) + (1−β)·v_leak
//   spike when v > θ.
// For a model written by dynalign train (g = 1, v_leak = v_reset = 0) this is the training
// forward pass; it differs only in arithmetic: float64 here, float32 tfjs products there.
import type { EncodedSet } from '../encoding/encoder.js';
import { accuracyOf, argmaxRows } from '../emulator/result.js';
import { extractChain, type ChainLayer } from '../ir/chain.js';
import type { IrModel } from '../ir/model.js';
import { DynalignError } from '../util/errors.js';
import {
  countSpikes,
  createCounters,
  summariseCounters,
  totalSpikes,
  type LayerSpikeStats,
} from './spike-stats.js';

export interface FloatEvaluation {
  /** Fraction correct when the set has labels, else NaN. */
  accuracy: number;
  predictions: Int32Array;
  /** Output spike counts, row-major [n][classes]. */
  outputCounts: Int32Array;
  /** Spikes per inference of each layer, in graph order. */
  spikesPerLayer: number[];
  spikesPerInference: number;
  layers: LayerSpikeStats[];
}

interface LayerState {
  chain: ChainLayer;
  /** [nIn][nOut]: one input's fan-out is contiguous, so a spike adds one row. */
  wt: Float64Array;
  v: Float64Array;
  spk: Float32Array;
  prevSpk: Float32Array;
}

/** Evaluate every sample of `set`; prediction = argmax of output spike counts, ties low. */
export function evaluateFloat(model: IrModel, set: EncodedSet): FloatEvaluation {
  const chain = extractChain(model);
  if (chain.nInputs !== set.channels) {
    throw new DynalignError('E_DATASET_MISMATCH', 'encoded set does not match the model input', {
      field: 'channels',
      value: set.channels,
      fix: `the model takes ${chain.nInputs} channels per step; encode with its encoder spec`,
    });
  }
  const states: LayerState[] = chain.layers.map((c) => ({
    chain: c,
    wt: transpose64(c.weight, c.nOut, c.nIn),
    v: new Float64Array(c.nOut),
    spk: new Float32Array(c.nOut),
    prevSpk: new Float32Array(c.nOut),
  }));
  const classes = chain.layers[chain.layers.length - 1]!.nOut;
  const counters = createCounters(chain.layers.map((c) => c.nOut));
  const outputCounts = new Int32Array(set.n * classes);
  const cur = new Float64Array(Math.max(...chain.layers.map((c) => c.nOut)));

  for (let i = 0; i < set.n; i++) {
    for (const s of states) {
      s.v.fill(0);
      s.spk.fill(0);
    }
    for (let t = 0; t < set.steps; t++) {
      const off = (i * set.steps + t) * set.channels;
      let input: Float32Array = set.data.subarray(off, off + set.channels);
      states.forEach((s, k) => {
        const isAnalog = k === 0;
        stepLayer(s, input, isAnalog, chain.reset, cur);
        countSpikes(counters[k]!, s.spk, 1);
        input = s.spk;
      });
      const out = states[states.length - 1]!.spk;
      for (let c = 0; c < classes; c++) outputCounts[i * classes + c]! += out[c]!;
    }
  }

  const predictions = argmaxRows(outputCounts, set.n, classes);
  const layers = summariseCounters(counters, set.n, set.steps);
  return {
    accuracy: set.labels ? accuracyOf(predictions, set.labels) : Number.NaN,
    predictions,
    outputCounts,
    spikesPerLayer: layers.map((l) => l.spikesPerInference),
    spikesPerInference: totalSpikes(layers),
    layers,
  };
}

// One step of one layer: the current from analog inputs (all of them) or spikes (only the
// inputs that fired), then the neuron update of the header.
function stepLayer(
  s: LayerState,
  input: Float32Array,
  isAnalog: boolean,
  reset: 'zero' | 'subtract',
  cur: Float64Array,
): void {
  const { nIn, nOut, bias, beta, gain, vLeak, vThreshold, vReset } = s.chain;
  for (let j = 0; j < nOut; j++) cur[j] = bias[j]!;
  for (let p = 0; p < nIn; p++) {
    const x = input[p]!;
    if (x === 0) continue;
    const row = p * nOut;
    if (isAnalog) for (let j = 0; j < nOut; j++) cur[j]! += x * s.wt[row + j]!;
    else for (let j = 0; j < nOut; j++) cur[j]! += s.wt[row + j]!;
  }
  s.prevSpk.set(s.spk);
  for (let j = 0; j < nOut; j++) {
    const fired = s.prevSpk[j] === 1;
    const drive = gain[j]! * cur[j]! + (1 - beta[j]!) * vLeak[j]!;
    let v: number;
    if (reset === 'subtract') v = beta[j]! * s.v[j]! + drive - (fired ? vThreshold[j]! : 0);
    else v = beta[j]! * (fired ? vReset[j]! : s.v[j]!) + drive;
    s.v[j] = v;
    s.spk[j] = v > vThreshold[j]! ? 1 : 0;
  }
}

function transpose64(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c]!;
  return out;
}
