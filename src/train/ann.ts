// ANN baseline of the paper's Fig. 1: the same widths with ReLU, fed the same encoded input
// (its last step, or the whole trajectory flattened), trained with the same loop.
import type { EncodedSet } from '../encoding/encoder.js';
import { accuracyOf } from '../emulator/result.js';
import type { AnnInput } from './config.js';
import type { Learner } from './fit.js';
import type { LayerParams } from './init.js';
import { crossEntropy } from './loss.js';
import { transpose, type MatMul } from './matmul.js';
import { timed } from './profile.js';

/** Input width the ANN sees for an encoded set. */
export function annInputWidth(set: { steps: number; channels: number }, input: AnnInput): number {
  return input === 'last' ? set.channels : set.steps * set.channels;
}

/** Rows [B][width] of samples order[start..end). */
export function gatherAnnInput(
  set: EncodedSet,
  input: AnnInput,
  order: ArrayLike<number>,
  start: number,
  end: number,
): { x: Float32Array; labels: Uint8Array; batch: number } {
  const batch = end - start;
  const frame = set.steps * set.channels;
  const width = annInputWidth(set, input);
  const skip = input === 'last' ? (set.steps - 1) * set.channels : 0;
  const x = new Float32Array(batch * width);
  const labels = new Uint8Array(batch);
  for (let b = 0; b < batch; b++) {
    const i = order[start + b]!;
    labels[b] = set.labels?.[i] ?? 0;
    x.set(set.data.subarray(i * frame + skip, (i + 1) * frame), b * width);
  }
  return { x, labels, batch };
}

/** Forward pass; keeps every layer's input and pre-activation for the backward pass. */
function annForward(layers: LayerParams[], x: Float32Array, batch: number, mm: MatMul) {
  const inputs: Float32Array[] = [];
  let h = x;
  for (let k = 0; k < layers.length; k++) {
    const l = layers[k]!;
    inputs.push(h);
    const z = mm(h, batch, l.nIn, transpose(l.weight, l.nOut, l.nIn), l.nOut);
    const isHidden = k + 1 < layers.length;
    for (let r = 0; r < batch; r++) {
      for (let j = 0; j < l.nOut; j++) {
        const v = z[r * l.nOut + j]! + l.bias[j]!;
        z[r * l.nOut + j] = isHidden ? Math.max(0, v) : v;
      }
    }
    h = z;
  }
  return { inputs, logits: h };
}

/** Wrap an MLP (weights and biases of `layers`) as a Learner. */
export function createAnnLearner(layers: LayerParams[], input: AnnInput, mm: MatMul): Learner {
  const classes = layers[layers.length - 1]!.nOut;
  return {
    params: layers.flatMap((l) => [l.weight, l.bias]),
    gradients(set, order, start, end, prof) {
      const b = gatherAnnInput(set, input, order, start, end);
      const fwd = timed(prof, 'matmul', () => annForward(layers, b.x, b.batch, mm));
      const ce = crossEntropy(fwd.logits, b.labels, b.batch, classes);
      const grads: Float32Array[] = new Array<Float32Array>(2 * layers.length);
      let g = ce.grad;
      for (let k = layers.length - 1; k >= 0; k--) {
        const l = layers[k]!;
        const gBias = new Float32Array(l.nOut);
        for (let r = 0; r < b.batch; r++) {
          for (let j = 0; j < l.nOut; j++) gBias[j]! += g[r * l.nOut + j]!;
        }
        const x = fwd.inputs[k]!;
        grads[2 * k] = mm(transpose(g, b.batch, l.nOut), l.nOut, b.batch, x, l.nIn);
        grads[2 * k + 1] = gBias;
        if (k === 0) break;

        // Through the ReLU of the layer below: its output is this layer's input.
        const gx = mm(g, b.batch, l.nOut, l.weight, l.nIn);
        for (let i = 0; i < gx.length; i++) if (x[i]! <= 0) gx[i] = 0;
        g = gx;
      }
      return { loss: ce.loss, grads };
    },
    evaluate(set) {
      return evaluateAnn(layers, input, set, mm);
    },
  };
}

/** Accuracy (argmax of logits) and mean cross-entropy over a set. */
export function evaluateAnn(
  layers: LayerParams[],
  input: AnnInput,
  set: EncodedSet,
  mm: MatMul,
  batch = 500,
): { accuracy: number; loss: number } {
  const classes = layers[layers.length - 1]!.nOut;
  const order = Int32Array.from({ length: set.n }, (_, i) => i);
  const pred = new Int32Array(set.n);
  let lossSum = 0;
  for (let start = 0; start < set.n; start += batch) {
    const end = Math.min(start + batch, set.n);
    const b = gatherAnnInput(set, input, order, start, end);
    const { logits } = annForward(layers, b.x, b.batch, mm);
    lossSum += crossEntropy(logits, b.labels, b.batch, classes).loss * b.batch;
    for (let r = 0; r < b.batch; r++) {
      let best = 0;
      for (let c = 1; c < classes; c++) {
        if (logits[r * classes + c]! > logits[r * classes + best]!) best = c;
      }
      pred[start + r] = best;
    }
  }
  const labels = set.labels ?? new Uint8Array(set.n);
  return { accuracy: accuracyOf(pred, labels), loss: lossSum / Math.max(1, set.n) };
}
