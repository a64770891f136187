// AvgPool2d: y = (window sum of x)/(kH·kW), padding counted as zeros (PyTorch's default
// count_include_pad); NIR's docs define it as SumPool2d followed by Scale.
import { checkPool, POOL_FIELDS, poolGeometry, poolRuntime } from './pool-math.js';
import type { Primitive } from './types.js';

/** NIR's AvgPool2d node: its fields, shape rule and per-step simulator. */
export const avgPool2d: Primitive = {
  type: 'AvgPool2d',
  summary: 'y = window means of x over (kH, kW) (stride, zero padding counted)',
  fields: POOL_FIELDS,
  spiking: false,
  inputShape: () => undefined,
  outputShape(node, input) {
    const g = poolGeometry(node, input);
    return typeof g === 'string' ? g : [g.channels, ...g.outSize];
  },
  check: checkPool,
  instantiate(node, shapes) {
    const g = poolGeometry(node, shapes.input);
    if (typeof g === 'string') throw new RangeError(g);
    return poolRuntime(g, 1 / (g.kernel[0] * g.kernel[1]));
  },
};
