// Flatten: y = x reshaped, dims start_dim..end_dim merged into one. NIR counts dims on a shape
// WITHOUT a batch dimension, so the default start_dim 1 maps [C, H, W] to [C, H·W], not a vector;
// exporters that strip a batch dim write start_dim 0. Negative dims count from the end.
import { i64 } from '../tensor.js';
import { shapeField, tuple } from './fields.js';
import { identityRuntime } from './runtime.js';
import type { Primitive, Shape } from './types.js';

/** NIR's defaults (nir/ir/flatten.py): start_dim 1, end_dim −1. */
const START_DIM_DEFAULT = 1;
const END_DIM_DEFAULT = -1;

/** Output shape of torch.flatten on a batch-less shape, or why the dims do not fit. */
export function flattenShape(input: Shape, startDim: number, endDim: number): Shape | string {
  const n = input.length;
  const s = startDim < 0 ? startDim + n : startDim;
  const e = endDim < 0 ? endDim + n : endDim;
  if (n === 0 || s < 0 || s >= n || e < s || e >= n) {
    return `start_dim ${startDim} / end_dim ${endDim} do not fit a ${n}-D input [${input}] ` +
      '(NIR counts dims without a batch dimension)';
  }
  const merged = input.slice(s, e + 1).reduce((a, b) => a * b, 1);
  return [...input.slice(0, s), merged, ...input.slice(e + 1)];
}

/** NIR's Flatten node: its fields, shape rule and per-step simulator. */
export const flatten: Primitive = {
  type: 'Flatten',
  summary: 'y = x with dims start_dim..end_dim merged (no batch dim)',
  fields: [
    { name: 'input_type', role: 'shape', required: false, doc: 'input shape, optional' },
    {
      name: 'start_dim',
      role: 'int',
      required: false,
      fallback: () => i64([START_DIM_DEFAULT], []),
      doc: 'first dim merged (default 1)',
    },
    {
      name: 'end_dim',
      role: 'int',
      required: false,
      fallback: () => i64([END_DIM_DEFAULT], []),
      doc: 'last dim merged (default −1)',
    },
  ],
  spiking: false,
  inputShape: (node) => shapeField(node, 'input_type'),
  outputShape: (node, input) =>
    flattenShape(
      input,
      tuple(node, 'start_dim', 1, START_DIM_DEFAULT)[0]!,
      tuple(node, 'end_dim', 1, END_DIM_DEFAULT)[0]!,
    ),
  instantiate: () => identityRuntime(),
};
