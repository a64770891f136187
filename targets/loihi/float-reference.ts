// Float run of a chain model with the trainer's semantics (src/train/lif.ts, as snnTorch's
// Leaky): subtract: v[t] = β·v[t−1] + I[t] − s[t−1]·θ; zero: v[t] = β·(1 − s[t−1])·v[t−1] + I[t];
// s[t] = v[t] > θ. Running both shows what Loihi's reset to zero costs before quantisation.
import type { Chain } from '../../src/ir/chain.js';
import type { EncodedSet } from '../../src/encoding/encoder.js';
import { accuracyOf, argmaxRows } from '../../src/emulator/result.js';

/** Predictions and output spike counts of a float run. */
export interface FloatRun {
  predictions: Int32Array;
  outputCounts: Int32Array;
  accuracy?: number;
}

/** Run every input through the chain in float64 with the given reset rule. */
export function runFloatChain(
  chain: Chain,
  inputs: EncodedSet,
  reset: 'subtract' | 'zero',
): FloatRun {
  const last = chain.layers[chain.layers.length - 1]!;
  const outputCounts = new Int32Array(inputs.n * last.nOut);
  const v = chain.layers.map((l) => new Float64Array(l.nOut));
  const s = chain.layers.map((l) => new Uint8Array(l.nOut));
  for (let n = 0; n < inputs.n; n++) {
    v.forEach((a) => a.fill(0));
    s.forEach((a) => a.fill(0));
    for (let t = 0; t < inputs.steps; t++) {
      const o = (n * inputs.steps + t) * inputs.channels;
      let x: ArrayLike<number> = inputs.data.subarray(o, o + inputs.channels);
      chain.layers.forEach((l, k) => {
        const vk = v[k]!;
        const sk = s[k]!;
        const cur = Float64Array.from(l.bias);
        for (let j = 0; j < l.nIn; j++) {
          const xj = x[j]!;
          if (xj === 0) continue;
          for (let i = 0; i < l.nOut; i++) cur[i]! += l.weight[i * l.nIn + j]! * xj;
        }
        for (let i = 0; i < l.nOut; i++) {
          const drive = l.gain[i]! * cur[i]! + (1 - l.beta[i]!) * l.vLeak[i]!;
          const prev = sk[i]!;
          vk[i] =
            reset === 'subtract'
              ? l.beta[i]! * vk[i]! + drive - prev * l.vThreshold[i]!
              : l.beta[i]! * (1 - prev) * vk[i]! + drive;
          sk[i] = vk[i]! > l.vThreshold[i]! ? 1 : 0;
        }
        x = sk;
      });
      const out = s[s.length - 1]!;
      for (let i = 0; i < last.nOut; i++) outputCounts[n * last.nOut + i]! += out[i]!;
    }
  }
  const predictions = argmaxRows(outputCounts, inputs.n, last.nOut);
  const accuracy = inputs.labels ? accuracyOf(predictions, inputs.labels) : undefined;
  return { predictions, outputCounts, accuracy };
}
