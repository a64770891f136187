// SumPool2d: y[c, i, j] = Σ over the (kH, kW) window at (i·sH − pH, j·sW − pW) of x[c, ·, ·].
import { checkPool, POOL_FIELDS, poolGeometry, poolRuntime } from './pool-math.js';
import type { Primitive } from './types.js';

/** NIR's SumPool2d node: its fields, shape rule and per-step simulator. */
export const sumPool2d: Primitive = {
  type: 'SumPool2d',
  summary: 'y = window sums of x over (kH, kW) (stride, zero padding)',
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
    return poolRuntime(g, 1);
  },
};
