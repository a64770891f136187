// Build the IR of a feed-forward LIF network from per-step (snnTorch Leaky) parameters.
import type { Discretisation, IrModel, IrNode } from './model.js';
import { f32, f64, i64 } from './tensor.js';

export interface LeakyLayerParams {
  /** Row-major [nOut][nIn]. */
  weight: Float32Array | Float64Array;
  bias: Float32Array | Float64Array;
  nIn: number;
  nOut: number;
  /** snnTorch β (one per layer) and threshold θ. */
  beta: number;
  threshold: number;
}

/**
 * NIR graph of Input → (Affine → LIF)* → Output, exported the way snnTorch does it
 * (NIR docs section 3): tau = dt/(1−β), r = tau/dt, v_leak 0, v_reset 0, so that one Euler
 * step with dt gives mem ← β·mem + I.
 */
export function buildLeakyModel(layers: LeakyLayerParams[], disc: Discretisation): IrModel {
  const nodes: Record<string, IrNode> = {};
  const edges: Array<[string, string]> = [];
  const first = layers[0];
  if (!first) throw new TypeError('a network needs at least one layer');
  nodes.input = { type: 'Input', params: { shape: i64([first.nIn]) }, metadata: {} };
  let prev = 'input';
  layers.forEach((l, k) => {
    const fc = `fc${k + 1}`;
    const lif = `lif${k + 1}`;
    const tau = disc.dt / (1 - l.beta);
    const n = l.nOut;
    nodes[fc] = {
      type: 'Affine',
      params: { weight: f32(l.weight, [l.nOut, l.nIn]), bias: f32(l.bias, [l.nOut]) },
      metadata: {},
    };
    nodes[lif] = {
      type: 'LIF',
      params: {
        tau: f64(new Float64Array(n).fill(tau)),
        r: f64(new Float64Array(n).fill(tau / disc.dt)),
        v_leak: f64(new Float64Array(n)),
        v_threshold: f64(new Float64Array(n).fill(l.threshold)),
        v_reset: f64(new Float64Array(n)),
      },
      metadata: {},
    };
    edges.push([prev, fc], [fc, lif]);
    prev = lif;
  });
  const last = layers[layers.length - 1]!;
  nodes.output = { type: 'Output', params: { shape: i64([last.nOut]) }, metadata: {} };
  edges.push([prev, 'output']);
  return { nirVersion: '1.0.7', graph: { nodes, edges, metadata: {} }, discretisation: disc };
}
