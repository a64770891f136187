// Input: a port of a graph, y(t) = x(t); `shape` fixes the signal shape (no batch dimension).
import { shapeField } from './fields.js';
import { identityRuntime } from './runtime.js';
import type { Primitive } from './types.js';

/** NIR's Input node: its fields, shape rule and per-step simulator. */
export const input: Primitive = {
  type: 'Input',
  summary: 'graph input port: y(t) = x(t)',
  fields: [{ name: 'shape', role: 'shape', required: true, doc: 'signal shape, no batch dim' }],
  spiking: false,
  inputShape: (node) => shapeField(node, 'shape'),
  outputShape: (_node, inputShape) => inputShape,
  instantiate: () => identityRuntime(),
};
