// LI (leaky integrator): τ·dv/dt = (v_leak − v) + r·I(t); the output is v.
// τ: time constant [s as exported]; v_leak: resting value; r: input gain.
import { checkNeuronFields, checkPositive, neuronShape, perNeuron } from './fields.js';
import type { Primitive } from './types.js';

const NEURON_FIELDS = ['tau', 'r', 'v_leak'] as const;

/** NIR's LI node: its fields, shape rule and per-step simulator. */
export const leakyIntegrator: Primitive = {
  type: 'LI',
  summary: 'τ·dv/dt = (v_leak − v) + r·I; y = v',
  fields: [
    { name: 'tau', role: 'neuron', required: true, doc: 'τ, time constant [s]' },
    { name: 'r', role: 'neuron', required: true, doc: 'r, input gain' },
    { name: 'v_leak', role: 'neuron', required: true, doc: 'resting value' },
  ],
  spiking: false,
  inputShape: (node) => neuronShape(node, NEURON_FIELDS),
  outputShape: (_node, inputShape) => inputShape,
  check: (node) => [...checkNeuronFields(node, NEURON_FIELDS), ...checkPositive(node, ['tau'])],
  instantiate(node, shapes, ctx) {
    const n = shapes.output.reduce((a, b) => a * b, 1);
    const tau = perNeuron(node, 'tau', n);
    const r = perNeuron(node, 'r', n);
    const vLeak = perNeuron(node, 'v_leak', n);
    const v = new Float64Array(n);
    return {
      state: { v },
      step(input, output) {
        for (let j = 0; j < n; j++) {
          const drive = r[j]! * input[j]!;
          const u = vLeak[j]! + drive;
          v[j] = ctx.integrator === 'exact'
            ? u + (v[j]! - u) * Math.exp(-ctx.dt / tau[j]!)
            : v[j]! + (ctx.dt / tau[j]!) * (vLeak[j]! - v[j]! + drive);
          output[j] = v[j]!;
        }
      },
    };
  },
};
