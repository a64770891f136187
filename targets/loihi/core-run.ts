// Glue between the Loihi target and the shared emulator core: a Loihi network (from the netx
// description the quantiser wrote, or from a golden-vector file) becomes an integer IR for the
// Loihi NumericProfile, with the effective Dense weights Lava computes (./network.ts). Nothing
// is quantised again here; the Simulator (./simulate.ts) stays as the oracle the tests compare.
import type { EncodedSet } from '../../src/encoding/encoder.js';
import {
  emulateModel,
  type EmulateOptions,
  type EmulationRun,
} from '../../src/emulator/emulate.js';
import type { EmulationResult } from '../../src/emulator/result.js';
import type { IrModel, IrNode, NodeQuantization } from '../../src/ir/model.js';
import type { NdArray } from '../../src/ir/tensor.js';
import type { NumericProfile } from '../../src/quantize/profile.js';
import { DynalignError } from '../../src/util/errors.js';
import { checkInputShape, toIntegerInputs, type IntegerInputs } from './emulate-model.js';
import { buildNetxNetwork } from './netx-model.js';
import { INPUT, resolveConnections, type LoihiNetwork } from './network.js';
import { loihiProfile, LOIHI_TALLIES } from './numeric-profile.js';
import type { LoihiQuantisation } from './quantise.js';
import type { PopulationCounts } from './simulate.js';

/** A core run of a quantised model, shaped like emulateQuantised's answer. */
export interface LoihiCoreRun {
  result: EmulationResult;
  ints: IntegerInputs;
  sim: { net: LoihiNetwork; counts: PopulationCounts[] };
  run: EmulationRun;
}

/**
 * Run encoded inputs through the netx network on the core. netx's LIFReset offsets give layer
 * k its window k + 1 steps after layer 0's, exactly what the k + 1 Dense delays take, and zero
 * its u and v at the window's start: so the windows equal a run of T steps with no delay from
 * zero state, which is what the core runs (delay-0 profile). Counts cover the windows only.
 */
export async function emulateOnCore(
  q: LoihiQuantisation,
  inputs: EncodedSet,
  opts: EmulateOptions = {},
): Promise<LoihiCoreRun> {
  const net = buildNetxNetwork(q.desc, q.run);
  checkInputShape(q, net.nInputs, inputs);
  const ints = toIntegerInputs(q, inputs);
  const profile = loihiProfile({ inputBits: q.graded ? q.inputBits : 0, delay: 0 });
  const model = coreModelOf(net, profile);
  const set: EncodedSet = { ...inputs, data: Float32Array.from(ints.data) };
  const run = await emulateModel(model, set, profile, { ...opts, neuronCounts: true });
  const counters = run.chunk.counters;
  const nt = LOIHI_TALLIES.length;
  const counts: PopulationCounts[] = net.layers.map((l, k) => ({
    spikes: counters.spikes[k]!,
    synops: counters.synops[k]!,
    macs: counters.macs[k]!,
    neuronUpdates: counters.neuronUpdates[k]!,
    activeUpdates: counters.tallies![k * nt]!,
    overflow: { wraps: counters.tallies![k * nt + 1]!, clamps: counters.tallies![k * nt + 2]! },
    perNeuron: perNeuronTotals(run.chunk.neuronCounts![k]!, l.n),
  }));
  const result: EmulationResult = { ...run.result, target: 'loihi' };
  return { result, ints, sim: { net, counts }, run };
}

/** Spikes of each neuron summed over the inputs of a [n][neurons] count table. */
function perNeuronTotals(table: Int32Array, neurons: number): Int32Array {
  const out = new Int32Array(neurons);
  for (let o = 0; o < table.length; o += neurons)
    for (let i = 0; i < neurons; i++) out[i]! += table[o + i]!;
  return out;
}

/**
 * Input → (Linear → LIF)* → Output for a chain network: each Linear holds the effective weights
 * and shift = −weight_exp, each LIF the per-neuron du, dv, vth, bias_mant, bias_exp.
 */
export function coreModelOf(net: LoihiNetwork, profile: NumericProfile): IrModel {
  const conns = resolveConnections(net);
  const quant = (intParams: Record<string, NdArray>, scales: Record<string, number> = {}) => [
    { profile: profile.id, intParams, scales } satisfies NodeQuantization,
  ];
  const nodes: Record<string, IrNode> = {
    input: {
      type: 'Input',
      params: { shape: int32([net.nInputs]) },
      metadata: {},
      quantization: quant({}, { input: 1 }),
    },
  };
  const edges: Array<[string, string]> = [];
  let prev = 'input';
  net.layers.forEach((l, k) => {
    const c = conns[k];
    const pre = k === 0 ? INPUT : net.layers[k - 1]!.name;
    if (!c || c.conn.pre !== pre || c.conn.post !== l.name || conns.length !== net.layers.length) {
      throw new DynalignError('E_LOIHI_GRAPH', 'the core runs chains of Dense → LIF only', {
        field: `connections/${k}`,
        value: c ? `${c.conn.pre} → ${c.conn.post}` : 'none',
        fix: `connect ${pre} → ${l.name} with one Dense per layer and no recurrent Dense`,
      });
    }
    const syn = `${c.conn.name}#dense`;
    const weight = int32(c.dense.weights, [c.dense.nPost, c.dense.nPre]);
    nodes[syn] = {
      type: 'Linear',
      params: { weight },
      metadata: {},
      quantization: quant({ weight, shift: int32([-c.dense.weightExp]) }),
    };
    const fill = (x: number) => int32(new Array<number>(l.n).fill(x));
    nodes[l.name] = {
      type: 'LIF',
      params: {},
      metadata: {},
      quantization: quant({
        du: fill(l.du),
        dv: fill(l.dv),
        vth: fill(l.vth),
        bias_mant: int32(l.biasMant),
        bias_exp: int32(l.biasExp),
      }),
    };
    edges.push([prev, syn], [syn, l.name]);
    prev = l.name;
  });
  const last = net.layers[net.layers.length - 1]!;
  nodes.output = { type: 'Output', params: { shape: int32([last.n]) }, metadata: {} };
  edges.push([prev, 'output']);
  const disc = { dt: 1, integrator: 'euler', reset: 'zero', spikes: 'unit' } as const;
  return { nirVersion: '1.0.7', graph: { nodes, edges, metadata: {} }, discretisation: disc };
}

function int32(values: ArrayLike<number>, shape = [values.length]): NdArray {
  return { dtype: 'int32', shape, data: Int32Array.from(values) };
}
