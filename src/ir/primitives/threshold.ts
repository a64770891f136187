// Threshold: z(t) = H(x(t) − θ), a spike when x > θ (strictly); no state.
import { checkNeuronFields, neuronShape, perNeuron } from './fields.js';
import { elementwiseRuntime, spikeSignal } from './runtime.js';
import type { Primitive } from './types.js';

const NEURON_FIELDS = ['threshold'] as const;

/** NIR's Threshold node: its fields, shape rule and per-step simulator. */
export const threshold: Primitive = {
  type: 'Threshold',
  summary: 'z(t) = H(x(t) − θ)',
  fields: [{ name: 'threshold', role: 'neuron', required: true, doc: 'θ per element' }],
  spiking: true,
  inputShape: (node) => neuronShape(node, NEURON_FIELDS),
  outputShape: (_node, inputShape) => inputShape,
  check: (node) => checkNeuronFields(node, NEURON_FIELDS),
  instantiate(node, shapes, ctx) {
    const th = perNeuron(node, 'threshold', shapes.output.reduce((a, b) => a * b, 1));
    return elementwiseRuntime((x, j) => spikeSignal(x > th[j]! ? 1 : 0, ctx));
  },
};
