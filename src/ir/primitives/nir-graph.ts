// NIRGraph: a nested graph. Its input and output are its inner Input and Output nodes; edges into
// a node are summed. Inference and simulation look inside it, so it has no fields of its own.
import type { Primitive } from './types.js';

/** NIR's NIRGraph node: its fields, shape rule and per-step simulator. */
export const nirGraph: Primitive = {
  type: 'NIRGraph',
  summary: 'nested graph: nodes and edges, ports are its Input and Output nodes',
  fields: [],
  spiking: false,
  inputShape: () => undefined,
  outputShape: () => 'a nested graph takes its shapes from its Input and Output nodes',
  instantiate: () => {
    throw new TypeError('nested graphs are inlined before simulation');
  },
};
