// Parameters of a fully connected spiking network, initialised the way PyTorch initialises
// nn.Linear, from a seeded generator so that a seed fixes the whole run.
import { mulberry32 } from '../util/random.js';

/** One Linear layer followed by one snnTorch Leaky layer. */
export interface LayerParams {
  nIn: number;
  nOut: number;
  /** Row-major [nOut][nIn], as nn.Linear and NIR store it. */
  weight: Float32Array;
  bias: Float32Array;
  /** Leaky β and threshold θ, one learnable value per layer (length-1 arrays for Adam). */
  beta: Float32Array;
  threshold: Float32Array;
}

/** Initial β and θ of snnTorch Leaky in the paper's network (paper.md §6). */
export const INITIAL_BETA = 0.95;
export const INITIAL_THRESHOLD = 1;

/** Layer widths of the paper network: input → hidden × depth → classes. */
export function layerSizes(nIn: number, hidden: number, depth: number, classes: number): number[] {
  return [nIn, ...Array.from({ length: depth }, () => hidden), classes];
}

/**
 * PyTorch nn.Linear default: kaiming_uniform(a = √5) on the weight, which is U(±1/√fan_in),
 * and U(±1/√fan_in) on the bias.
 */
export function initLayers(sizes: number[], seed: number): LayerParams[] {
  const rand = mulberry32(seed);
  const layers: LayerParams[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nIn = sizes[l]!;
    const nOut = sizes[l + 1]!;
    const bound = 1 / Math.sqrt(nIn);
    const weight = Float32Array.from({ length: nIn * nOut }, () => (2 * rand() - 1) * bound);
    const bias = Float32Array.from({ length: nOut }, () => (2 * rand() - 1) * bound);
    layers.push({
      nIn,
      nOut,
      weight,
      bias,
      beta: Float32Array.of(INITIAL_BETA),
      threshold: Float32Array.of(INITIAL_THRESHOLD),
    });
  }
  return layers;
}

/** Deep copy, for keeping the best checkpoint. */
export function cloneLayers(layers: LayerParams[]): LayerParams[] {
  return layers.map((l) => ({
    ...l,
    weight: l.weight.slice(),
    bias: l.bias.slice(),
    beta: l.beta.slice(),
    threshold: l.threshold.slice(),
  }));
}
