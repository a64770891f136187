// IF (integrate-and-fire): dv/dt = r·I(t); z = H(v − v_threshold); on a spike v := v_reset.
// It never leaks: Euler gives v += dt·r·I, which is also exact for input held over the step.
import { checkNeuronFields, filledLike, neuronShape, perNeuron } from './fields.js';
import { carrySubtract, fire } from './fire.js';
import { exactRamp, resetValue } from './neuron-math.js';
import { spikeSignal } from './runtime.js';
import type { Primitive } from './types.js';

const NEURON_FIELDS = ['r', 'v_threshold', 'v_reset'] as const;

/** NIR's IF node: its fields, shape rule and per-step simulator. */
export const integrateFire: Primitive = {
  type: 'IF',
  summary: 'dv/dt = r·I; z = H(v − v_threshold); v := v_reset on z',
  fields: [
    { name: 'r', role: 'neuron', required: true, doc: 'r, input gain' },
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
  check: (node) => checkNeuronFields(node, NEURON_FIELDS),
  instantiate(node, shapes, ctx) {
    const n = shapes.output.reduce((a, b) => a * b, 1);
    const r = perNeuron(node, 'r', n);
    const thr = perNeuron(node, 'v_threshold', n);
    const vReset = perNeuron(node, 'v_reset', n, 0);
    const v = new Float64Array(n);
    const fired = new Uint8Array(n);
    return {
      state: { v },
      step(input, output) {
        for (let j = 0; j < n; j++) {
          if (ctx.integrator === 'exact') {
            const after = resetValue(ctx, thr[j]!, vReset[j]!);
            const s = exactRamp(v[j]!, r[j]! * input[j]!, ctx.dt, thr[j]!, after);
            v[j] = s.v;
            output[j] = spikeSignal(s.crossings, ctx);
            continue;
          }
          v[j] = v[j]! + ctx.dt * r[j]! * input[j]!;
          carrySubtract(ctx, v, j, thr[j]!, fired);
          output[j] = spikeSignal(fire(ctx, v, j, thr[j]!, vReset[j]!, fired), ctx);
        }
      },
    };
  },
};
