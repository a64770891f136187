// The paper's loss: mean over time steps of the batch-mean cross-entropy, with the output
// layer's spikes of each step as the logits (paper.md §7; the reference code's training loop).

/** Loss value and dL/d(logits) for [T][B][C] logits and B labels. */
export function crossEntropyOverSteps(
  logits: Float32Array,
  labels: ArrayLike<number>,
  steps: number,
  batch: number,
  classes: number,
): { loss: number; grad: Float32Array } {
  const grad = new Float32Array(logits.length);
  const p = new Float64Array(classes);
  const scale = 1 / (steps * batch);
  let loss = 0;
  for (let t = 0; t < steps; t++) {
    for (let b = 0; b < batch; b++) {
      const off = (t * batch + b) * classes;
      const y = labels[b]!;

      // Softmax with the maximum subtracted, for stability.
      let max = -Infinity;
      for (let c = 0; c < classes; c++) max = Math.max(max, logits[off + c]!);
      let sum = 0;
      for (let c = 0; c < classes; c++) {
        p[c] = Math.exp(logits[off + c]! - max);
        sum += p[c]!;
      }
      loss -= Math.log(p[y]! / sum) * scale;
      for (let c = 0; c < classes; c++) {
        grad[off + c] = (p[c]! / sum - (c === y ? 1 : 0)) * scale;
      }
    }
  }
  return { loss, grad };
}

/** Cross-entropy of plain [B][C] logits (the ANN baseline): batch mean and its gradient. */
export function crossEntropy(
  logits: Float32Array,
  labels: ArrayLike<number>,
  batch: number,
  classes: number,
): { loss: number; grad: Float32Array } {
  return crossEntropyOverSteps(logits, labels, 1, batch, classes);
}
