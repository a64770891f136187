// Scale: y(t) = s ⊙ x(t), element by element; `scale` has the signal's shape.
import { neuronShape, perNeuron } from './fields.js';
import { elementwiseRuntime } from './runtime.js';
import type { Primitive } from './types.js';

const NEURON_FIELDS = ['scale'] as const;

/** NIR's Scale node: its fields, shape rule and per-step simulator. */
export const scale: Primitive = {
  type: 'Scale',
  summary: 'y(t) = s ⊙ x(t)',
  fields: [{ name: 'scale', role: 'neuron', required: true, doc: 's, one factor per element' }],
  spiking: false,
  inputShape: (node) => neuronShape(node, NEURON_FIELDS),
  outputShape: (_node, inputShape) => inputShape,
  instantiate(node, shapes) {
    const s = perNeuron(node, 'scale', shapes.output.reduce((a, b) => a * b, 1));
    return elementwiseRuntime((x, j) => s[j]! * x);
  },
};
