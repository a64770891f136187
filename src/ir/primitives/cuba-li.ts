// CubaLI: τ_syn·dI/dt = −I + w_in·S(t); τ_mem·dv/dt = (v_leak − v) + r·I; the output is v.
// Euler updates I first and v then uses the new I (NIR paper reference implementation).
import { checkNeuronFields, checkPositive, filledLike, neuronShape, perNeuron } from './fields.js';
import { cubaCurrent, cubaMembrane } from './neuron-math.js';
import type { Primitive } from './types.js';

const NEURON_FIELDS = ['tau_syn', 'tau_mem', 'r', 'v_leak', 'w_in'] as const;

/** NIR's CubaLI node: its fields, shape rule and per-step simulator. */
export const cubaLeakyIntegrator: Primitive = {
  type: 'CubaLI',
  summary: 'τ_syn·dI/dt = −I + w_in·S; τ_mem·dv/dt = (v_leak − v) + r·I; y = v',
  fields: [
    { name: 'tau_syn', role: 'neuron', required: true, doc: 'τ_syn, synaptic time constant [s]' },
    { name: 'tau_mem', role: 'neuron', required: true, doc: 'τ_mem, membrane time constant [s]' },
    { name: 'r', role: 'neuron', required: true, doc: 'r, current-to-membrane gain' },
    { name: 'v_leak', role: 'neuron', required: true, doc: 'resting potential' },
    {
      name: 'w_in',
      role: 'neuron',
      required: false,
      fallback: (node) => filledLike(node, 'v_leak', 1),
      doc: 'input weight into I (default 1)',
    },
  ],
  spiking: false,
  inputShape: (node) => neuronShape(node, NEURON_FIELDS),
  outputShape: (_node, inputShape) => inputShape,
  check: (node) => [
    ...checkNeuronFields(node, NEURON_FIELDS),
    ...checkPositive(node, ['tau_syn', 'tau_mem']),
  ],
  instantiate(node, shapes, ctx) {
    const n = shapes.output.reduce((a, b) => a * b, 1);
    const tauSyn = perNeuron(node, 'tau_syn', n);
    const tauMem = perNeuron(node, 'tau_mem', n);
    const r = perNeuron(node, 'r', n);
    const vLeak = perNeuron(node, 'v_leak', n);
    const wIn = perNeuron(node, 'w_in', n, 1);
    const i = new Float64Array(n);
    const v = new Float64Array(n);
    return {
      state: { v, i },
      step(input, output) {
        for (let j = 0; j < n; j++) {
          if (ctx.integrator === 'exact') {
            const p = {
              tauSyn: tauSyn[j]!, tauMem: tauMem[j]!, r: r[j]!, vLeak: vLeak[j]!,
              iTarget: wIn[j]! * input[j]!,
            };
            v[j] = cubaMembrane(p, i[j]!, v[j]!, ctx.dt);
            i[j] = cubaCurrent(p, i[j]!, ctx.dt);
          } else {
            i[j] = i[j]! + (ctx.dt / tauSyn[j]!) * (-i[j]! + wIn[j]! * input[j]!);
            v[j] = v[j]! + (ctx.dt / tauMem[j]!) * (vLeak[j]! - v[j]! + r[j]! * i[j]!);
          }
          output[j] = v[j]!;
        }
      },
    };
  },
};
