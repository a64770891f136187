// Test factories: random snnTorch-style networks (through buildLeakyModel), random inputs, and
// dense, obviously-correct reference implementations the event-driven emulator is checked against.
import { buildLeakyModel, type LeakyLayerParams } from '../../src/ir/build.js';
import type { Discretisation, IrModel, IrNode } from '../../src/ir/model.js';
import { f64, i64 } from '../../src/ir/tensor.js';
import type { EncodedSet } from '../../src/encoding/encoder.js';
import { mulberry32 } from '../../src/util/random.js';

export const EULER_SUBTRACT: Discretisation = {
  dt: 1e-4,
  integrator: 'euler',
  reset: 'subtract',
  spikes: 'unit',
};
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
export function makeInputs(
  seed: number,
  n: number,
  steps: number,
  channels: number,
  amp = 1.5,
  classes = 0,
): EncodedSet {
  const rand = mulberry32(seed);
  const data = Float32Array.from({ length: n * steps * channels }, () => (rand() * 2 - 1) * amp);
  const set: EncodedSet = { n, steps, channels, data };
  if (classes > 0) set.labels = Uint8Array.from({ length: n }, () => Math.floor(rand() * classes));
  return set;
}

/** Random binary spike inputs with firing probability p. */
export function makeSpikeInputs(
  seed: number,
  n: number,
  steps: number,
  channels: number,
  p = 0.3,
): EncodedSet {
  const rand = mulberry32(seed);
  const data = Float32Array.from({ length: n * steps * channels }, () => (rand() < p ? 1 : 0));
  return { n, steps, channels, data };
}

function randArray(rand: () => number, n: number, lo: number, hi: number): Float64Array {
  return Float64Array.from({ length: n }, () => lo + (hi - lo) * rand());
}

function lif(n: number, tau: number, thr: number, dt: number, shape = [n]): IrNode {
  return {
    type: 'LIF',
    params: {
      tau: f64(new Float64Array(n).fill(tau), shape),
      r: f64(new Float64Array(n).fill(tau / dt), shape),
      v_leak: f64(new Float64Array(n), shape),
      v_threshold: f64(new Float64Array(n).fill(thr), shape),
      v_reset: f64(new Float64Array(n), shape),
    },
    metadata: {},
  };
}

/** Input[1,6,6] → Conv2d(3×1×3×3, pad 1) → LIF → SumPool2d(2) → Flatten → Affine(4×27) → LIF. */
export function makeConvModel(seed: number, disc = EULER_SUBTRACT): IrModel {
  const rand = mulberry32(seed);
  const nodes: Record<string, IrNode> = {
    input: { type: 'Input', params: { shape: i64([1, 6, 6]) }, metadata: {} },
    conv: {
      type: 'Conv2d',
      params: {
        weight: f64(randArray(rand, 27, -0.6, 1.2), [3, 1, 3, 3]),
        bias: f64(randArray(rand, 3, -0.1, 0.1)),
        stride: i64([1, 1]),
        padding: i64([1, 1]),
        dilation: i64([1, 1]),
        groups: i64([1], []),
        input_shape: i64([6, 6]),
      },
      metadata: {},
    },
    lif1: lif(108, disc.dt / 0.2, 0.8, disc.dt, [3, 6, 6]),
    pool: {
      type: 'SumPool2d',
      params: { kernel_size: i64([2, 2]), stride: i64([2, 2]), padding: i64([0, 0]) },
      metadata: {},
    },
    flat: {
      type: 'Flatten',
      params: { start_dim: i64([0], []), end_dim: i64([-1], []) },
      metadata: {},
    },
    fc: {
      type: 'Affine',
      params: {
        weight: f64(randArray(rand, 108, -0.3, 0.6), [4, 27]),
        bias: f64(randArray(rand, 4, 0, 0.1)),
      },
      metadata: {},
    },
    lif2: lif(4, disc.dt / 0.3, 1.0, disc.dt),
    output: { type: 'Output', params: { shape: i64([4]) }, metadata: {} },
  };
  const edges: Array<[string, string]> = [
    ['input', 'conv'],
    ['conv', 'lif1'],
    ['lif1', 'pool'],
    ['pool', 'flat'],
    ['flat', 'fc'],
    ['fc', 'lif2'],
    ['lif2', 'output'],
  ];
  return { nirVersion: '1.0.7', graph: { nodes, edges, metadata: {} }, discretisation: disc };
}

/** Input[5] → Affine → LIF[8] ⇄ Linear w_rec; LIF → Affine → CubaLIF[3] → Output. */
export function makeRecurrentModel(seed: number, disc = EULER_SUBTRACT): IrModel {
  const rand = mulberry32(seed);
  const dt = disc.dt;
  const nodes: Record<string, IrNode> = {
    input: { type: 'Input', params: { shape: i64([5]) }, metadata: {} },
    fc1: {
      type: 'Affine',
      params: {
        weight: f64(randArray(rand, 40, -0.5, 1), [8, 5]),
        bias: f64(randArray(rand, 8, -0.1, 0.1)),
      },
      metadata: {},
    },
    lif1: lif(8, dt / 0.15, 0.9, dt),
    w_rec: {
      type: 'Linear',
      params: { weight: f64(randArray(rand, 64, -0.6, 0.4), [8, 8]) },
      metadata: {},
    },
    fc2: {
      type: 'Affine',
      params: {
        weight: f64(randArray(rand, 24, -0.4, 1), [3, 8]),
        bias: f64(randArray(rand, 3, 0, 0.1)),
      },
      metadata: {},
    },
    cuba: {
      type: 'CubaLIF',
      params: {
        tau_syn: f64(new Float64Array(3).fill(dt / 0.3)),
        tau_mem: f64(new Float64Array(3).fill(dt / 0.2)),
        r: f64(new Float64Array(3).fill(1 / 0.2)),
        v_leak: f64(new Float64Array(3)),
        v_threshold: f64(new Float64Array(3).fill(0.7)),
        v_reset: f64(new Float64Array(3)),
        w_in: f64(new Float64Array(3).fill(1 / 0.3)),
      },
      metadata: {},
    },
    output: { type: 'Output', params: { shape: i64([3]) }, metadata: {} },
  };
  const edges: Array<[string, string]> = [
    ['input', 'fc1'],
    ['fc1', 'lif1'],
    ['lif1', 'w_rec'],
    ['w_rec', 'lif1'],
    ['lif1', 'fc2'],
    ['fc2', 'cuba'],
    ['cuba', 'output'],
  ];
  return { nirVersion: '1.0.7', graph: { nodes, edges, metadata: {} }, discretisation: disc };
}

/** Input[2,10] → Conv1d(3×2×3, stride 2, pad 1, dilation 1) → LIF[3,5] → Flatten → Affine → LIF. */
export function makeConv1dModel(seed: number, disc = EULER_ZERO): IrModel {
  const rand = mulberry32(seed);
  const nodes: Record<string, IrNode> = {
    input: { type: 'Input', params: { shape: i64([2, 10]) }, metadata: {} },
    conv: {
      type: 'Conv1d',
      params: {
        weight: f64(randArray(rand, 18, -0.5, 1.2), [3, 2, 3]),
        bias: f64(randArray(rand, 3, -0.1, 0.1)),
        stride: i64([2]),
        padding: i64([1]),
        dilation: i64([1]),
        groups: i64([1], []),
        input_shape: i64([10], []),
      },
      metadata: {},
    },
    lif1: lif(15, disc.dt / 0.2, 0.7, disc.dt, [3, 5]),
    flat: {
      type: 'Flatten',
      params: { start_dim: i64([0], []), end_dim: i64([-1], []) },
      metadata: {},
    },
    fc: {
      type: 'Affine',
      params: { weight: f64(randArray(rand, 30, -0.3, 0.7), [2, 15]), bias: f64([0.05, 0]) },
      metadata: {},
    },
    lif2: lif(2, disc.dt / 0.3, 0.8, disc.dt),
    output: { type: 'Output', params: { shape: i64([2]) }, metadata: {} },
  };
  const edges: Array<[string, string]> = [
    ['input', 'conv'],
    ['conv', 'lif1'],
    ['lif1', 'flat'],
    ['flat', 'fc'],
    ['fc', 'lif2'],
    ['lif2', 'output'],
  ];
  return { nirVersion: '1.0.7', graph: { nodes, edges, metadata: {} }, discretisation: disc };
}
