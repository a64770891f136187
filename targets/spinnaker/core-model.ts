// The integer IR the shared core runs for a SpiNNaker network: Input → (ring Linear →) LIF per
// population → Output, carrying the integers the host quantiser (./profile/quantise.ts) and
// the chip's constants produced. Nothing is quantised again here.
import type { IrModel, IrNode, NodeQuantization } from '../../src/ir/model.js';
import type { NdArray } from '../../src/ir/tensor.js';
import type { NumericProfile } from '../../src/quantize/profile.js';
import { DynalignError } from '../../src/util/errors.js';
import type { FixedNetwork, FixedPopulation, SpinnNetwork } from './network/types.js';

/** The core model of a network; LIF nodes are named by population label. */
export function coreModelOf(
  net: SpinnNetwork,
  fixed: FixedNetwork,
  profile: NumericProfile,
): IrModel {
  const quant = (intParams: Record<string, NdArray>, scales: Record<string, number> = {}) => [
    { profile: profile.id, intParams, scales } satisfies NodeQuantization,
  ];
  const spikes = net.inputMode === 'spikes';
  const width = spikes ? net.sourceSize : net.populations[0]!.size;
  const nodes: Record<string, IrNode> = {
    input: {
      type: 'Input',
      params: { shape: int32([width]) },
      metadata: {},
      quantization: quant({}, { input: 1 }),
    },
  };
  const edges: Array<[string, string]> = [];
  let prev = 'input';
  net.populations.forEach((pop, p) => {
    const syn = synapticNode(net, fixed, p, quant);
    if (syn) {
      nodes[`${pop.label}#rings`] = syn;
      edges.push([prev, `${pop.label}#rings`]);
      prev = `${pop.label}#rings`;
    }
    nodes[pop.label] = {
      type: 'LIF',
      params: {},
      metadata: {},
      quantization: quant(lifParams(fixed.populations[p]!)),
    };
    edges.push([prev, pop.label]);
    prev = pop.label;
  });
  const last = net.populations[net.populations.length - 1]!;
  nodes.output = { type: 'Output', params: { shape: int32([last.size]) }, metadata: {} };
  edges.push([prev, 'output']);
  const disc = { dt: net.timestepMs, integrator: 'euler', reset: 'zero', spikes: 'unit' } as const;
  return { nirVersion: '1.0.7', graph: { nodes, edges, metadata: {} }, discretisation: disc };
}

/** All projections into population p as one connection list, or none for a current input. */
function synapticNode(
  net: SpinnNetwork,
  fixed: FixedNetwork,
  p: number,
  quant: (ip: Record<string, NdArray>) => NodeQuantization[],
): IrNode | undefined {
  const into = net.projections.map((proj, k) => ({ proj, k })).filter((e) => e.proj.post === p);
  const pre = p === 0 && net.inputMode === 'spikes' ? -1 : p - 1;
  const wrong = into.find((e) => e.proj.pre !== pre);
  const expectsNone = p === 0 && net.inputMode === 'current';
  if (wrong || (expectsNone && into.length > 0)) {
    throw new DynalignError('E_SPINNAKER_GRAPH', 'the core runs feed-forward chains only', {
      field: (wrong ?? into[0]!).proj.label,
      value: `pre ${(wrong ?? into[0]!).proj.pre} → post ${p}`,
      fix: `feed population ${p} from ${expectsNone ? 'host currents only' : `population ${pre}`}`,
    });
  }
  if (expectsNone) return undefined;
  const nPre = pre < 0 ? net.sourceSize : net.populations[pre]!.size;
  const nPost = net.populations[p]!.size;
  const cat = (f: (k: number, s: number) => number) =>
    int32(into.flatMap(({ proj, k }) => Array.from(proj.preIndex, (_, s) => f(k, s))));
  const P = net.projections;
  const F = fixed.projections;

  // The signed nA weights give the node its [nPost][nPre] shape (and a readable matrix).
  const signed = new Float32Array(nPost * nPre);
  for (const { proj } of into) {
    const sign = proj.receptor === 'excitatory' ? 1 : -1;
    proj.preIndex.forEach((i, s) => {
      signed[proj.postIndex[s]! * nPre + i]! += sign * proj.weight[s]!;
    });
  }
  const pop = fixed.populations[p]!;
  return {
    type: 'Linear',
    params: { weight: { dtype: 'float32', shape: [nPost, nPre], data: signed } },
    metadata: {},
    quantization: quant({
      pre: cat((k, s) => P[k]!.preIndex[s]!),
      post: cat((k, s) => P[k]!.postIndex[s]!),
      weight: cat((k, s) => F[k]!.w16[s]!),
      delay: cat((k, s) => F[k]!.delayTicks[s]!),
      receptor: cat((k) => (P[k]!.receptor === 'excitatory' ? 0 : 1)),
      shift: int32(pop.shifts),
      slots: int32([pop.ringSlots]),
    }),
  };
}

/** The kernel's per-neuron integers (./core-kernel.ts SPINNAKER_LIF_PARAMS). */
function lifParams(f: FixedPopulation): Record<string, NdArray> {
  const fill = (x: number) => int32(new Array<number>(f.size).fill(x));
  const bits = (a: Float64Array) => int32(Array.from(a, (x) => x | 0));
  return {
    v_init: int32(f.vInit),
    v_rest: int32(f.vRest),
    v_reset: int32(f.vReset),
    v_thresh: int32(f.vThresh),
    i_offset: int32(f.iOffset),
    bias: int32(f.bias),
    lag: fill(f.lag),
    r: int32(f.r),
    exp_tc: int32(f.expTc),
    t_refract: int32(f.tRefract),
    delta_scale: fill(f.deltaScale),
    syn_decay_exc: bits(f.synDecay[0]),
    syn_decay_inh: bits(f.synDecay[1]),
    syn_init_exc: bits(f.synInit[0]),
    syn_init_inh: bits(f.synInit[1]),
  };
}

function int32(values: ArrayLike<number>, shape = [values.length]): NdArray {
  return { dtype: 'int32', shape, data: Int32Array.from(values) };
}
