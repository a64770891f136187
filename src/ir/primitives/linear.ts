// Linear: y(t) = W·x(t). weight [N_out, N_in] (leading batch dims allowed); no bias.
import { toFloat64 } from '../tensor.js';
import { numeric } from './fields.js';
import { checkDense, denseInput, denseOutput, denseRuntime } from './dense-math.js';
import type { Primitive } from './types.js';

/** NIR's Linear node: its fields, shape rule and per-step simulator. */
export const linear: Primitive = {
  type: 'Linear',
  summary: 'y(t) = W·x(t)',
  fields: [{ name: 'weight', role: 'tensor', required: true, doc: 'W [N_out, N_in]' }],
  spiking: false,
  inputShape: denseInput,
  outputShape: (node) => denseOutput(node),
  check: (node) => checkDense(node, false),
  instantiate(node) {
    const w = numeric(node, 'weight')!;
    return denseRuntime(toFloat64(w), w.shape, new Float64Array(0));
  },
};
