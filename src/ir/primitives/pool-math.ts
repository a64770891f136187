// Shape rule and runtime of SumPool2d / AvgPool2d on [C, H, W]: windows of kernel_size moved by
// stride over a zero-padded input; out = floor((n + 2p − k)/s) + 1 per axis (PyTorch, floor mode).
import type { IrNode } from '../model.js';
import { tuple, values } from './fields.js';
import type { FieldIssue, NodeRuntime, Shape } from './types.js';

export interface PoolGeometry {
  channels: number;
  inSize: [number, number];
  kernel: [number, number];
  stride: [number, number];
  pad: [number, number];
  outSize: [number, number];
}

/** The fields every pooling node has. */
export const POOL_FIELDS = [
  { name: 'kernel_size', role: 'int', required: true, doc: '(kH, kW) window' },
  { name: 'stride', role: 'int', required: true, doc: '(sH, sW) step' },
  { name: 'padding', role: 'int', required: true, doc: '(pH, pW) zeros each side' },
] as const;

/** The geometry of a pooling node on an input shape, or why it does not fit. */
export function poolGeometry(node: IrNode, input: Shape): PoolGeometry | string {
  if (input.length !== 3) {
    return `expects an input [C, H, W] without a batch dimension; got [${input}]`;
  }
  const pair = (v: number[]): [number, number] => [v[0]!, v[1]!];
  const kernel = pair(tuple(node, 'kernel_size', 2, 1));
  const stride = pair(tuple(node, 'stride', 2, 1));
  const pad = pair(tuple(node, 'padding', 2, 0));
  const inSize: [number, number] = [input[1]!, input[2]!];
  const outSize = pair(
    inSize.map((n, a) => Math.floor((n + 2 * pad[a]! - kernel[a]!) / stride[a]!) + 1),
  );
  if (outSize.some((n) => n < 1)) return `output [${outSize}] would be empty for input [${input}]`;
  return { channels: input[0]!, inSize, kernel, stride, pad, outSize };
}

/** Issues with pooling fields: sizes ≥ 1, padding ≥ 0. */
export function checkPool(node: IrNode): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const name of ['kernel_size', 'stride']) {
    if (values(node, name).some((v) => !(v >= 1))) {
      issues.push({ field: name, message: 'every element must be ≥ 1' });
    }
  }
  if (values(node, 'padding').some((v) => !(v >= 0))) {
    issues.push({ field: 'padding', message: 'every element must be ≥ 0' });
  }
  return issues;
}

/** Window sums times `factor` (1 for SumPool2d, 1/(kH·kW) for AvgPool2d, padding counted). */
export function poolRuntime(g: PoolGeometry, factor: number): NodeRuntime {
  const [ih, iw] = g.inSize;
  const [oh, ow] = g.outSize;
  return {
    state: {},
    step(input, output) {
      for (let c = 0; c < g.channels; c++) {
        for (let oy = 0; oy < oh; oy++) {
          for (let ox = 0; ox < ow; ox++) {
            let acc = 0;
            for (let ky = 0; ky < g.kernel[0]; ky++) {
              const iy = oy * g.stride[0] - g.pad[0] + ky;
              if (iy < 0 || iy >= ih) continue;
              for (let kx = 0; kx < g.kernel[1]; kx++) {
                const ix = ox * g.stride[1] - g.pad[1] + kx;
                if (ix >= 0 && ix < iw) acc += input[(c * ih + iy) * iw + ix]!;
              }
            }
            output[(c * oh + oy) * ow + ox] = acc * factor;
          }
        }
      }
    },
  };
}
