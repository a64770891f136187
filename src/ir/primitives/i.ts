// I (integrator): dv/dt = r·I(t); the output is v. r: gain [1/s per input unit].
// Euler and the exact solution coincide for input held over the step: v += dt·r·I.
import { checkNeuronFields, neuronShape, perNeuron } from './fields.js';
import type { Primitive } from './types.js';

const NEURON_FIELDS = ['r'] as const;

/** NIR's I node: its fields, shape rule and per-step simulator. */
export const integrator: Primitive = {
  type: 'I',
  summary: 'dv/dt = r·I; y = v',
  fields: [{ name: 'r', role: 'neuron', required: true, doc: 'r, input gain' }],
  spiking: false,
  inputShape: (node) => neuronShape(node, NEURON_FIELDS),
  outputShape: (_node, inputShape) => inputShape,
  check: (node) => checkNeuronFields(node, NEURON_FIELDS),
  instantiate(node, shapes, ctx) {
    const n = shapes.output.reduce((a, b) => a * b, 1);
    const r = perNeuron(node, 'r', n);
    const v = new Float64Array(n);
    return {
      state: { v },
      step(input, output) {
        for (let j = 0; j < n; j++) {
          v[j] = v[j]! + ctx.dt * r[j]! * input[j]!;
          output[j] = v[j]!;
        }
      },
    };
  },
};
