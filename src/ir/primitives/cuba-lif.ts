// CubaLIF: τ_syn·dI/dt = −I + w_in·S(t); τ_mem·dv/dt = (v_leak − v) + r·I;
// z = H(v − v_threshold); on a spike v := v_reset (I is not reset).
// Euler updates I first and v then uses the new I (NIR paper reference implementation).
import { checkNeuronFields, checkPositive, filledLike, neuronShape, perNeuron } from './fields.js';
import { carrySubtract, fire } from './fire.js';
import { exactCuba, resetValue } from './neuron-math.js';
import { spikeSignal } from './runtime.js';
import type { Primitive } from './types.js';

const NEURON_FIELDS = ['tau_syn', 'tau_mem', 'r', 'v_leak', 'v_threshold', 'v_reset', 'w_in'];

/** NIR's CubaLIF node: its fields, shape rule and per-step simulator. */
export const cubaLeakyIntegrateFire: Primitive = {
  type: 'CubaLIF',
  summary: 'CubaLI dynamics; z = H(v − v_threshold); v := v_reset on z',
  fields: [
    { name: 'tau_syn', role: 'neuron', required: true, doc: 'τ_syn, synaptic time constant [s]' },
    { name: 'tau_mem', role: 'neuron', required: true, doc: 'τ_mem, membrane time constant [s]' },
    { name: 'r', role: 'neuron', required: true, doc: 'r, current-to-membrane gain' },
    { name: 'v_leak', role: 'neuron', required: true, doc: 'resting potential' },
    { name: 'v_threshold', role: 'neuron', required: true, doc: 'firing threshold' },
    {
      name: 'v_reset',
      role: 'neuron',
      required: false,
      fallback: (node) => filledLike(node, 'v_threshold', 0),
      doc: 'membrane after a spike (default 0)',
    },
    {
      name: 'w_in',
      role: 'neuron',
      required: false,
      fallback: (node) => filledLike(node, 'v_threshold', 1),
      doc: 'input weight into I (default 1)',
    },
  ],
  spiking: true,
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
    const thr = perNeuron(node, 'v_threshold', n);
    const vReset = perNeuron(node, 'v_reset', n, 0);
    const wIn = perNeuron(node, 'w_in', n, 1);
    const i = new Float64Array(n);
    const v = new Float64Array(n);
    const fired = new Uint8Array(n);
    return {
      state: { v, i },
      step(input, output) {
        for (let j = 0; j < n; j++) {
          if (ctx.integrator === 'exact') {
            const p = {
              tauSyn: tauSyn[j]!, tauMem: tauMem[j]!, r: r[j]!, vLeak: vLeak[j]!,
              iTarget: wIn[j]! * input[j]!,
            };
            const after = resetValue(ctx, thr[j]!, vReset[j]!);
            const s = exactCuba(p, i[j]!, v[j]!, ctx.dt, thr[j]!, after);
            i[j] = s.i;
            v[j] = s.v;
            output[j] = spikeSignal(s.crossings, ctx);
            continue;
          }
          i[j] = i[j]! + (ctx.dt / tauSyn[j]!) * (-i[j]! + wIn[j]! * input[j]!);
          v[j] = v[j]! + (ctx.dt / tauMem[j]!) * (vLeak[j]! - v[j]! + r[j]! * i[j]!);
          carrySubtract(ctx, v, j, thr[j]!, fired);
          output[j] = spikeSignal(fire(ctx, v, j, thr[j]!, vReset[j]!, fired), ctx);
        }
      },
    };
  },
};
