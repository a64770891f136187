// Test factories: random snnTorch-style networks (through buildLeakyModel), random inputs, and
// dense, obviously-correct reference implementations the event-driven emulator is checked against.
import { buildLeakyModel, type LeakyLayerParams } from '../../src/ir/build.js';
import type { Discretisation, IrModel } from '../../src/ir/model.js';
import type { EncodedSet } from '../../src/encoding/encoder.js';
import { mulberry32 } from '../../src/util/random.js';

export const EULER_SUBTRACT: Discretisation = { dt: 1e-4, integrator: 'euler', reset: 'subtract', spikes: 'unit' };
export const EULER_ZERO: Discretisation = { ...EULER_SUBTRACT, reset: 'zero' };

/** A random Input → (Affine → LIF)* → Output model whose neurons do fire. */
export function makeLeakyModel(seed: number, sizes: number[], disc = EULER_SUBTRACT): IrModel {
  const rand = mulberry32(seed);
  const layers: LeakyLayerParams[] = [];
  for (let k = 1; k < sizes.length; k++) {
    const nIn = sizes[k - 1]!;
    const nOut = sizes[k]!;
    const gain = 2.5 / Math.sqrt(nIn);
    const weight = Float64Array.from({ length: nIn * nOut }, () => (rand() * 2 - 0.8) * gain);
    const bias = Float64Array.from({ length: nOut }, () => (rand() - 0.5) * 0.2);
    layers.push({ weight, bias, nIn, nOut, beta: 0.5 + 0.45 * rand(), threshold: 0.5 + rand() });
  }
  return buildLeakyModel(layers, disc);
}

/** Random graded inputs in [−amp, amp), optionally with labels 0..classes−1. */
export function makeInputs(seed: number, n: number, steps: number, channels: number, amp = 1.5, classes = 0): EncodedSet {
  const rand = mulberry32(seed);
  const data = Float32Array.from({ length: n * steps * channels }, () => (rand() * 2 - 1) * amp);
  const set: EncodedSet = { n, steps, channels, data };
  if (classes > 0) set.labels = Uint8Array.from({ length: n }, () => Math.floor(rand() * classes));
  return set;
}

/** Random binary spike inputs with firing probability p. */
export function makeSpikeInputs(seed: number, n: number, steps: number, channels: number, p = 0.3): EncodedSet {
  const rand = mulberry32(seed);
  const data = Float32Array.from({ length: n * steps * channels }, () => (rand() < p ? 1 : 0));
  return { n, steps, channels, data };
}
