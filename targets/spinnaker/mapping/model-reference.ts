// The trained model's own float semantics (src/ir/chain.ts, snnTorch Leaky): per step
// mem ← β·mem + gain·(W x + b) + (1 − β)·v_leak, the previous step's spike resetting it by
// subtraction or to v_reset, spike when mem > θ. Used for the host-side first layer and to
// measure what the target's reset-to-value costs against the float network.
import type { Chain, ChainLayer } from '../../../src/ir/chain.js';
import type { EncodedSet } from '../../../src/encoding/encoder.js';

/** State of one chain layer across steps. */
export interface LayerState {
  mem: Float64Array;
  spiked: Uint8Array;
}

/** A layer at rest before the first step: mem 0, no spike. */
export function newLayerState(n: number): LayerState {
  return { mem: new Float64Array(n), spiked: new Uint8Array(n) };
}

/** W x + b of a layer for one input vector. */
export function affine(layer: ChainLayer, x: ArrayLike<number>, out: Float64Array): Float64Array {
  for (let j = 0; j < layer.nOut; j++) {
    let a = layer.bias[j]!;
    const row = j * layer.nIn;
    for (let i = 0; i < layer.nIn; i++) a += layer.weight[row + i]! * x[i]!;
    out[j] = a;
  }
  return out;
}

/** One step of a layer from its synaptic input; writes 0/1 spikes into `spikes`. */
export function stepLayer(
  layer: ChainLayer,
  reset: Chain['reset'],
  st: LayerState,
  input: Float64Array,
  spikes: Float64Array,
): void {
  for (let j = 0; j < layer.nOut; j++) {
    const beta = layer.beta[j]!;
    const drive = layer.gain[j]! * input[j]! + (1 - beta) * layer.vLeak[j]!;
    let m: number;
    if (reset === 'subtract') {
      m = beta * st.mem[j]! + drive - (st.spiked[j] ? layer.vThreshold[j]! : 0);
    } else {
      m = beta * (st.spiked[j] ? layer.vReset[j]! : st.mem[j]!) + drive;
    }
    st.mem[j] = m;
    const s = m > layer.vThreshold[j]! ? 1 : 0;
    st.spiked[j] = s;
    spikes[j] = s;
  }
}

/** Result of the float model over a set. */
export interface ModelReferenceRun {
  /** Output spike counts [n][classes]. */
  outputCounts: Int32Array;
  spikesPerLayer: number[];
}

/** Run the float model over every input of a set (dense, for reference only). */
export function runModelReference(chain: Chain, set: EncodedSet): ModelReferenceRun {
  const L = chain.layers.length;
  const classes = chain.layers[L - 1]!.nOut;
  const outputCounts = new Int32Array(set.n * classes);
  const spikesPerLayer = new Array<number>(L).fill(0);
  const buf = chain.layers.map((l) => ({
    a: new Float64Array(l.nOut),
    s: new Float64Array(l.nOut),
  }));
  for (let n = 0; n < set.n; n++) {
    const states = chain.layers.map((l) => newLayerState(l.nOut));
    for (let t = 0; t < set.steps; t++) {
      let x: ArrayLike<number> = set.data.subarray(
        (n * set.steps + t) * set.channels,
        (n * set.steps + t + 1) * set.channels,
      );
      chain.layers.forEach((layer, k) => {
        stepLayer(layer, chain.reset, states[k]!, affine(layer, x, buf[k]!.a), buf[k]!.s);
        x = buf[k]!.s;
        for (const s of buf[k]!.s) spikesPerLayer[k]! += s;
      });
      for (let c = 0; c < classes; c++) outputCounts[n * classes + c]! += buf[L - 1]!.s[c]!;
    }
  }
  return { outputCounts, spikesPerLayer };
}
