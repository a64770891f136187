// The conversion of NIR's Lava example (neuromorphs/NIR paper/01_lif, docs/.../nir_to_lava.py;
// loihi.md §5 and §6.8), kept bug for bug so its published traces can be reproduced: dt 1e-4;
// each LIF becomes Dense(w·dt/τ·256, truncated) → LIF(du 4095, dv int(dt/τ·4095),
// vth int(v_th·131071) >> 9), no bias; spikes from a RingBuffer, binary Dense input.
import type { IrModel, IrNode } from '../../src/ir/model.js';
import { toFloat64 } from '../../src/ir/tensor.js';
import { DynalignError } from '../../src/util/errors.js';
import { INPUT, type LoihiNetwork } from './network.js';
import { readChain } from './primitives.js';

/** The converter's default time step (ImportConfig.dt). */
export const NIR_EXAMPLE_DT = 1e-4;

/**
 * LIMITATION: the script maps Affine and LIF to two Dense processes (w·256, then dt/τ·256),
 * which scales twice and adds a step; the paper's run used the LIF's Dense alone with the
 * Affine weight 1 folded in. We fold every Affine weight into the LIF's Dense the same way.
 */
export function convertNirLavaExample(
  model: IrModel,
  dt = NIR_EXAMPLE_DT,
  file?: string,
): LoihiNetwork {
  const chain = readChain(model, file);
  const net: LoihiNetwork = { nInputs: chain.nInputs, layers: [], connections: [] };
  let pre = INPUT;
  for (const l of chain.layers) {
    const neuron = model.graph.nodes[l.neuronName]!;
    if (neuron.type !== 'LIF') {
      throw new DynalignError('E_LOIHI_PRIMITIVE', 'the NIR Lava example converter maps LIF only', {
        file,
        field: `nodes/${l.neuronName}`,
        value: neuron.type,
        fix: 'use the default convention (--convention dynalign) for IF neurons',
      });
    }
    if (l.bias.some((b) => b !== 0)) {
      throw new DynalignError(
        'E_LOIHI_PRIMITIVE',
        'the NIR Lava example converter rejects a non-zero Affine bias',
        {
          file,
          field: `nodes/${l.synapseName}/bias`,
          value: Math.max(...l.bias.map(Math.abs)),
          fix: 'use the default convention, which maps biases to bias_mant',
        },
      );
    }
    const tau = field(neuron, 'tau', l.neuronName, l.nOut);
    const vTh = field(neuron, 'v_threshold', l.neuronName, l.nOut);
    const ratio = dt / tau[0]!;
    const weights = new Int32Array(l.nOut * l.nIn);
    for (let i = 0; i < l.nOut; i++) {
      for (let j = 0; j < l.nIn; j++) {
        // numpy (w · dt/τ · 256).astype(int32): truncation toward zero.
        weights[i * l.nIn + j] = Math.trunc(l.weight[i * l.nIn + j]! * (dt / tau[i]!) * 256);
      }
    }
    net.layers.push({
      name: l.neuronName,
      n: l.nOut,
      du: Math.trunc(1.0 * 4095),
      dv: Math.trunc(ratio * 4095),
      vth: Math.trunc(vTh[0]! * 131071) >> 9,
      biasMant: new Int32Array(l.nOut),
      biasExp: new Int32Array(l.nOut),
    });
    net.connections.push({
      name: `${l.synapseName}.dense`,
      pre,
      post: l.neuronName,
      weights,
      weightExp: 0,
      numWeightBits: 8,
      graded: false,
    });
    pre = l.neuronName;
  }
  return net;
}

/** One NIR field per neuron; the converter takes one dv and vth per process, so all must agree. */
function field(node: IrNode, key: string, name: string, n: number): Float64Array {
  const p = node.params[key];
  const v = p && typeof p !== 'string' ? toFloat64(p) : undefined;
  if (!v || (v.length !== n && v.length !== 1) || v.some((x) => x !== v[0])) {
    throw new DynalignError(
      'E_LOIHI_PRIMITIVE',
      `the converter needs one ${key} shared by the layer`,
      {
        field: `nodes/${name}/${key}`,
        value: v ? Array.from(v.slice(0, 4)) : p,
        fix: `give every neuron of '${name}' the same ${key}`,
      },
    );
  }
  return v.length === n ? v : new Float64Array(n).fill(v[0]!);
}
