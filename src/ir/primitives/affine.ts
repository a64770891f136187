// Affine: y(t) = W·x(t) + b. weight [N_out, N_in] (leading batch dims allowed), bias [N_out].
import { toFloat64 } from '../tensor.js';
import { numeric, values } from './fields.js';
import { checkDense, denseInput, denseOutput, denseRuntime } from './dense-math.js';
import type { Primitive } from './types.js';

/** NIR's Affine node: its fields, shape rule and per-step simulator. */
export const affine: Primitive = {
  type: 'Affine',
  summary: 'y(t) = W·x(t) + b',
  fields: [
    { name: 'weight', role: 'tensor', required: true, doc: 'W [N_out, N_in]' },
    { name: 'bias', role: 'tensor', required: true, doc: 'b [N_out]' },
  ],
  spiking: false,
  inputShape: denseInput,
  outputShape: (node) => denseOutput(node),
  check: (node) => checkDense(node, true),
  instantiate(node) {
    const w = numeric(node, 'weight')!;
    return denseRuntime(toFloat64(w), w.shape, values(node, 'bias'));
  },
};
