// Which NIR primitives the Loihi target maps, and for the others what Loihi or netx lacks and
// what the user can do instead. The model is read as an Input → (Affine|Linear → LIF|IF)* chain.
import type { IrModel, NodeType } from '../../src/ir/model.js';
import { type Chain, extractChain } from '../../src/ir/chain.js';
import { DynalignError } from '../../src/util/errors.js';

/** Node types the chain mapping lowers to netx dense layers with CUBA neurons. */
export const SUPPORTED: readonly NodeType[] = ['Input', 'Output', 'Affine', 'Linear', 'LIF', 'IF'];

/** Why each other primitive cannot be deployed by this target, and the fix. */
const ADVICE: Partial<Record<NodeType, [string, string]>> = {
  LI: [
    'Loihi has no non-spiking leaky readout: every LIF compartment spikes and resets',
    'end the network with a LIF layer and read the output spike counts',
  ],
  CubaLI: [
    'Loihi has no non-spiking leaky readout: every LIF compartment spikes and resets',
    'end the network with a LIF layer and read the output spike counts',
  ],
  CubaLIF: [
    'this target lowers only current-free LIF (iDecay 4096); CubaLIF current decay is not mapped',
    'export snnTorch Leaky (LIF) layers, or map the network with lava-dl directly',
  ],
  I: ['a pure integrator has no spiking output on Loihi', 'use IF or LIF neurons'],
  Conv1d: ['Lava has no 1-D convolution process', 'flatten the input and use Affine layers'],
  Conv2d: [
    'this target writes dense netx layers only (netx conv flips kernels, ignores weight_exp)',
    'use a fully connected network (Affine → LIF)',
  ],
  SumPool2d: [
    'netx raises NotImplementedError for pool layers',
    'replace pooling by a strided Affine',
  ],
  AvgPool2d: [
    'netx raises NotImplementedError for average/pool layers',
    'remove the pooling layer',
  ],
  Flatten: ['this target writes dense layers only and needs no Flatten', 'feed a flat input'],
  Delay: ['this target writes no netx delay datasets', 'remove the Delay node'],
  Threshold: ['a bare Threshold has no Loihi process without a neuron', 'use IF neurons'],
  Scale: [
    'Scale nodes are not folded by this target',
    'fold the scale into the next Affine weight',
  ],
  NIRGraph: [
    'nested graphs are not flattened by this target',
    'flatten the graph before compiling',
  ],
};

/** Reject primitives the target cannot map, then read the model as a chain (exit 2 otherwise). */
export function readChain(model: IrModel, file?: string): Chain {
  for (const [name, node] of Object.entries(model.graph.nodes)) {
    if (SUPPORTED.includes(node.type)) continue;
    const [why, fix] = ADVICE[node.type] ?? ['no Loihi mapping is known', 'remove the node'];
    throw new DynalignError(
      'E_LOIHI_PRIMITIVE',
      `${node.type} cannot be deployed to Loihi: ${why}`,
      {
        file,
        field: `nodes/${name}`,
        value: node.type,
        fix,
      },
    );
  }
  try {
    return extractChain(model);
  } catch (cause) {
    throw new DynalignError(
      'E_LOIHI_GRAPH',
      `not a feed-forward chain: ${(cause as Error).message}`,
      {
        file,
        field: 'edges',
        fix: 'the Loihi target maps Input → (Affine|Linear → LIF|IF)* → Output graphs',
        cause,
      },
    );
  }
}
