// LIF: τ·dv/dt = (v_leak − v) + r·I(t); z = H(v − v_threshold); on a spike v := v_reset.
// τ: membrane time constant [s as exported]; r: input gain; all fields one value per neuron.
import { checkNeuronFields, checkPositive, filledLike, neuronShape, perNeuron } from './fields.js';
import { carrySubtract, fire } from './fire.js';
import { exactLeaky, resetValue } from './neuron-math.js';
import { spikeSignal } from './runtime.js';
import type { Primitive } from './types.js';

const NEURON_FIELDS = ['tau', 'r', 'v_leak', 'v_threshold', 'v_reset'] as const;

/** NIR's LIF node: its fields, shape rule and per-step simulator. */
export const leakyIntegrateFire: Primitive = {
  type: 'LIF',
  summary: 'τ·dv/dt = (v_leak − v) + r·I; z = H(v − v_threshold); v := v_reset on z',
  fields: [
    { name: 'tau', role: 'neuron', required: true, doc: 'τ, membrane time constant [s]' },
    { name: 'r', role: 'neuron', required: true, doc: 'r, input gain' },
    { name: 'v_leak', role: 'neuron', required: true, doc: 'resting potential' },
    { name: 'v_threshold', role: 'neuron', required: true, doc: 'firing threshold' },
    {
      name: 'v_reset',
      role: 'neuron',
      required: false,
      fallback: (node) => filledLike(node, 'v_threshold', 0),
      doc: 'membrane after a spike (default 0)',
    },
  ],
  spiking: true,
  inputShape: (node) => neuronShape(node, NEURON_FIELDS),
  outputShape: (_node, inputShape) => inputShape,
  check: (node) => [...checkNeuronFields(node, NEURON_FIELDS), ...checkPositive(node, ['tau'])],
  instantiate(node, shapes, ctx) {
    const n = shapes.output.reduce((a, b) => a * b, 1);
    const tau = perNeuron(node, 'tau', n);
    const r = perNeuron(node, 'r', n);
    const vLeak = perNeuron(node, 'v_leak', n);
    const thr = perNeuron(node, 'v_threshold', n);
    const vReset = perNeuron(node, 'v_reset', n, 0);
    const v = new Float64Array(n);
    const fired = new Uint8Array(n);
    return {
      state: { v },
      step(input, output) {
        for (let j = 0; j < n; j++) {
          const drive = r[j]! * input[j]!;
          if (ctx.integrator === 'exact') {
            const after = resetValue(ctx, thr[j]!, vReset[j]!);
            const s = exactLeaky(v[j]!, vLeak[j]! + drive, tau[j]!, ctx.dt, thr[j]!, after);
            v[j] = s.v;
            output[j] = spikeSignal(s.crossings, ctx);
            continue;
          }
          v[j] = v[j]! + (ctx.dt / tau[j]!) * (vLeak[j]! - v[j]! + drive);
          carrySubtract(ctx, v, j, thr[j]!, fired);
          output[j] = spikeSignal(fire(ctx, v, j, thr[j]!, vReset[j]!, fired), ctx);
        }
      },
    };
  },
};
