// A feed-forward chain view of a graph: Input → (Affine|Linear → LIF|IF)* → Output, with the
// LIF ODE turned into per-step coefficients by the model's discretisation. Emulators, quantisers
// and target adapters that only handle such chains read the model through this view.
import type { Discretisation, IrModel, IrNode } from './model.js';
import { type NdArray, toFloat64 } from './tensor.js';

/** One synaptic layer followed by its spiking neurons, in per-step form. */
export interface ChainLayer {
  /** Names of the synaptic node and the neuron node in the graph. */
  synapseName: string;
  neuronName: string;
  nIn: number;
  nOut: number;
  /** Row-major [nOut][nIn], as NIR stores `weight`. */
  weight: Float64Array;
  bias: Float64Array;
  /** Per neuron: v[t] = beta·v[t−1] + gain·(W x + b) (+ (1−beta)·v_leak), then threshold. */
  beta: Float64Array;
  gain: Float64Array;
  vLeak: Float64Array;
  vThreshold: Float64Array;
  vReset: Float64Array;
}

export interface Chain {
  nInputs: number;
  layers: ChainLayer[];
  reset: Discretisation['reset'];
}

/** The default discretisation when a model states none: snnTorch's (dt 1e-4, Euler, subtract). */
export const SNNTORCH_DISCRETISATION: Discretisation = {
  dt: 1e-4,
  integrator: 'euler',
  reset: 'subtract',
  spikes: 'unit',
};

/** Walk a feed-forward graph from its Input to its Output; throws when it is not a chain. */
export function extractChain(model: IrModel): Chain {
  const g = model.graph;
  const disc = model.discretisation ?? SNNTORCH_DISCRETISATION;
  const next = new Map<string, string[]>();
  for (const [s, t] of g.edges) next.set(s, [...(next.get(s) ?? []), t]);
  const inputs = Object.entries(g.nodes).filter(([, n]) => n.type === 'Input');
  if (inputs.length !== 1) throw new TypeError(`expected one Input node, found ${inputs.length}`);

  const order: Array<[string, IrNode]> = [];
  let name = inputs[0]![0];
  const seen = new Set<string>();
  while (true) {
    const outs = next.get(name) ?? [];
    if (outs.length === 0) break;
    if (outs.length > 1) throw new TypeError(`node '${name}' fans out to ${outs.length} nodes`);
    name = outs[0]!;
    if (seen.has(name)) throw new TypeError(`graph has a cycle through '${name}'`);
    seen.add(name);
    const node = g.nodes[name];
    if (!node) throw new TypeError(`edge points to missing node '${name}'`);
    if (node.type === 'Output') break;
    order.push([name, node]);
  }

  // Pair each synaptic node with the neuron node that follows it.
  const layers: ChainLayer[] = [];
  for (let i = 0; i < order.length; i += 2) {
    const [sName, syn] = order[i]!;
    const pair = order[i + 1];
    if (syn.type !== 'Affine' && syn.type !== 'Linear') {
      throw new TypeError(`node '${sName}' is ${syn.type}; a chain expects Affine or Linear here`);
    }
    if (!pair || (pair[1].type !== 'LIF' && pair[1].type !== 'IF')) {
      throw new TypeError(`node '${sName}' must be followed by a LIF or IF node`);
    }
    layers.push(toLayer(sName, syn, pair[0], pair[1], disc));
  }
  if (layers.length === 0) throw new TypeError('graph has no Affine/Linear → LIF layer');
  return { nInputs: layers[0]!.nIn, layers, reset: disc.reset };
}

function param(node: IrNode, key: string, name: string): NdArray {
  const p = node.params[key];
  if (p === undefined || typeof p === 'string') {
    throw new TypeError(`node '${name}' lacks numeric field '${key}'`);
  }
  return p;
}

function perNeuron(node: IrNode, key: string, name: string, n: number,
  fallback?: number): Float64Array {
  const p = node.params[key];
  if (p === undefined && fallback !== undefined) return new Float64Array(n).fill(fallback);
  const v = toFloat64(param(node, key, name));
  if (v.length === n) return v;
  if (v.length === 1) return new Float64Array(n).fill(v[0]!);
  throw new TypeError(`node '${name}' field '${key}' has ${v.length} values for ${n} neurons`);
}

function toLayer(
  sName: string,
  syn: IrNode,
  nName: string,
  neuron: IrNode,
  disc: Discretisation,
): ChainLayer {
  const w = param(syn, 'weight', sName);
  if (w.shape.length !== 2) throw new TypeError(`node '${sName}' weight must be 2-D`);
  const [nOut, nIn] = w.shape as [number, number];
  const bias = syn.type === 'Affine' ? perNeuron(syn, 'bias', sName, nOut) : new Float64Array(nOut);
  const r = perNeuron(neuron, 'r', nName, nOut);
  const vThreshold = perNeuron(neuron, 'v_threshold', nName, nOut);
  const vReset = perNeuron(neuron, 'v_reset', nName, nOut, 0);
  const beta = new Float64Array(nOut);
  const gain = new Float64Array(nOut);
  const vLeak = new Float64Array(nOut);

  // IF: dv/dt = r·I, so per step v += dt·r·I and nothing leaks.
  if (neuron.type === 'IF') {
    for (let j = 0; j < nOut; j++) {
      beta[j] = 1;
      gain[j] = disc.dt * r[j]!;
    }
  } else {
    const tau = perNeuron(neuron, 'tau', nName, nOut);
    vLeak.set(perNeuron(neuron, 'v_leak', nName, nOut, 0));
    for (let j = 0; j < nOut; j++) {
      // Euler: v += dt/τ·(v_leak − v + r·I);
      // exact: v = e^(−dt/τ)·v + (1 − e^(−dt/τ))·(v_leak + r·I).
      const a = disc.integrator === 'exact' ? 1 - Math.exp(-disc.dt / tau[j]!) : disc.dt / tau[j]!;
      beta[j] = 1 - a;
      gain[j] = a * r[j]!;
    }
  }
  return {
    synapseName: sName,
    neuronName: nName,
    nIn,
    nOut,
    weight: toFloat64(w),
    bias,
    beta,
    gain,
    vLeak,
    vThreshold,
    vReset,
  };
}
