// Conv2d: y = W ⋆ x + b on [C_in, H, W] → [C_out, H', W'], PyTorch semantics. weight
// [C_out, C_in/groups, kH, kW]; stride, padding (or 'same'/'valid'), dilation, groups;
// input_shape (H, W). Integer stride/padding/dilation apply to both axes.
import { toFloat64 } from '../tensor.js';
import { numeric, values } from './fields.js';
import { checkConv, convGeometry, convInput, convRuntime } from './conv-math.js';
import type { Primitive } from './types.js';

/** NIR's Conv2d node: its fields, shape rule and per-step simulator. */
export const conv2d: Primitive = {
  type: 'Conv2d',
  summary: 'y = W ⋆ x + b (2-D cross-correlation, PyTorch semantics)',
  fields: [
    { name: 'input_shape', role: 'shape', required: false, doc: '(H, W), input size' },
    { name: 'weight', role: 'tensor', required: true, doc: 'W [C_out, C_in/groups, kH, kW]' },
    { name: 'stride', role: 'int', required: true, doc: 'step between windows' },
    { name: 'padding', role: 'padding', required: true, doc: "zeros each side, or 'same'/'valid'" },
    { name: 'dilation', role: 'int', required: true, doc: 'spacing of kernel taps' },
    { name: 'groups', role: 'int', required: true, doc: 'channel groups' },
    { name: 'bias', role: 'tensor', required: true, doc: 'b [C_out]' },
  ],
  spiking: false,
  inputShape: convInput,
  outputShape(node, input) {
    const g = convGeometry(node, 2, input);
    return typeof g === 'string' ? g : [g.outChannels, ...g.outSize];
  },
  check: (node) => checkConv(node, 2),
  instantiate(node, shapes) {
    const g = convGeometry(node, 2, shapes.input);
    if (typeof g === 'string') throw new RangeError(g);
    return convRuntime(toFloat64(numeric(node, 'weight')!), values(node, 'bias'), g);
  },
};
