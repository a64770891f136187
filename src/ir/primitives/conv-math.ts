// Shape rule and runtime of Conv1d / Conv2d with PyTorch semantics (NIR nir/ir/conv.py):
// out = floor((n + 2p − d·(k − 1) − 1)/s) + 1 per axis; 'same' keeps n, 'valid' pads 0.
// Input channels are weight.shape[1]·groups (NIR itself uses weight.shape[1], see docs/ir.md).
import type { IrNode } from '../model.js';
import { numeric, shapeField, tuple, values } from './fields.js';
import type { FieldIssue, NodeRuntime, Shape } from './types.js';

export interface ConvGeometry {
  inChannels: number;
  outChannels: number;
  groups: number;
  /** Spatial sizes, kernel, stride, dilation, leading padding and output, per axis. */
  inSize: number[];
  kernel: number[];
  stride: number[];
  dilation: number[];
  padBefore: number[];
  outSize: number[];
}

/** Input shape fixed by `input_shape`: [C_in, ...input_shape], or undefined without it. */
export function convInput(node: IrNode): Shape | undefined {
  const w = numeric(node, 'weight');
  const spatial = shapeField(node, 'input_shape');
  if (!w || w.shape.length < 2 || !spatial) return undefined;
  return [w.shape[1]! * tuple(node, 'groups', 1, 1)[0]!, ...spatial];
}

/** The geometry of a conv node on an input shape, or why it does not fit. */
export function convGeometry(node: IrNode, dims: number, input: Shape): ConvGeometry | string {
  const w = numeric(node, 'weight');
  if (!w || w.shape.length !== dims + 2) return `weight must be ${dims + 2}-D`;
  const axes = dims === 2 ? 'C, H, W' : 'C, L';
  if (input.length !== dims + 1) {
    return `expects an input [${axes}] without a batch dimension; got [${input}]`;
  }
  const groups = tuple(node, 'groups', 1, 1)[0]!;
  const inChannels = w.shape[1]! * groups;
  if (input[0] !== inChannels) {
    return `input has ${input[0]} channels; weight [${w.shape}] with groups ${groups} ` +
      `expects ${inChannels}`;
  }

  const kernel = w.shape.slice(2);
  const stride = tuple(node, 'stride', dims, 1);
  const dilation = tuple(node, 'dilation', dims, 1);
  const inSize = input.slice(1);
  const pad = node.params.padding;
  const padBefore: number[] = [];
  const outSize: number[] = [];
  for (let a = 0; a < dims; a++) {
    const span = dilation[a]! * (kernel[a]! - 1);
    if (pad === 'same') {
      padBefore.push(Math.floor(span / 2));
      outSize.push(inSize[a]!);
      continue;
    }
    const p = pad === 'valid' ? 0 : tuple(node, 'padding', dims, 0)[a]!;
    padBefore.push(p);
    outSize.push(Math.floor((inSize[a]! + 2 * p - span - 1) / stride[a]!) + 1);
  }
  if (outSize.some((n) => n < 1)) return `output [${outSize}] would be empty for input [${input}]`;
  return {
    inChannels, outChannels: w.shape[0]!, groups, inSize, kernel, stride, dilation, padBefore,
    outSize,
  };
}

/** Field issues of a conv node: ranks, bias length, groups, stride, padding, input_shape. */
export function checkConv(node: IrNode, dims: number): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const w = numeric(node, 'weight');
  if (w && w.shape.length !== dims + 2) {
    issues.push({ field: 'weight', message: `is [${w.shape}]; it must be ${dims + 2}-D` });
    return issues;
  }
  const groups = tuple(node, 'groups', 1, 1)[0]!;
  if (w && (!(groups >= 1) || w.shape[0]! % groups !== 0)) {
    const message = `${groups} must be ≥ 1 and divide C_out ${w.shape[0]}`;
    issues.push({ field: 'groups', message });
  }
  const b = numeric(node, 'bias');
  if (w && b && b.data.length !== w.shape[0]) {
    issues.push({ field: 'bias', message: `has ${b.data.length} values; C_out is ${w.shape[0]}` });
  }
  for (const name of ['stride', 'dilation']) {
    if (values(node, name).some((v) => !(v >= 1))) {
      issues.push({ field: name, message: 'every element must be ≥ 1' });
    }
  }
  issues.push(...checkPadding(node, dims));
  const spatial = shapeField(node, 'input_shape');
  if (spatial && (spatial.length !== dims || spatial.some((n) => !(n >= 1)))) {
    issues.push({ field: 'input_shape', message: `[${spatial}] must be ${dims} sizes ≥ 1` });
  }
  return issues;
}

function checkPadding(node: IrNode, dims: number): FieldIssue[] {
  const pad = node.params.padding;
  if (typeof pad === 'string') {
    if (pad !== 'same' && pad !== 'valid') {
      return [{ field: 'padding', message: `'${pad}' is not 'same', 'valid' or integers` }];
    }
    if (pad === 'same' && tuple(node, 'stride', dims, 1).some((s) => s !== 1)) {
      return [{ field: 'padding', message: "'same' needs stride 1 (as in PyTorch)" }];
    }
    return [];
  }
  if (values(node, 'padding').some((v) => !(v >= 0))) {
    return [{ field: 'padding', message: 'every element must be ≥ 0' }];
  }
  return [];
}

/** A grouped, strided, dilated, zero-padded convolution step on [C, H, W] (1-D uses H = 1). */
export function convRuntime(w: Float64Array, bias: Float64Array, g: ConvGeometry): NodeRuntime {
  const two = (v: number[], one: number): [number, number] =>
    v.length === 2 ? [v[0]!, v[1]!] : [one, v[0]!];
  const [ih, iw] = two(g.inSize, 1);
  const [kh, kw] = two(g.kernel, 1);
  const [sh, sw] = two(g.stride, 1);
  const [dh, dw] = two(g.dilation, 1);
  const [ph, pw] = two(g.padBefore, 0);
  const [oh, ow] = two(g.outSize, 1);
  const cinG = g.inChannels / g.groups;
  const coutG = g.outChannels / g.groups;
  return {
    state: {},
    step(input, output) {
      for (let oc = 0; oc < g.outChannels; oc++) {
        const ic0 = Math.floor(oc / coutG) * cinG;
        for (let oy = 0; oy < oh; oy++) {
          for (let ox = 0; ox < ow; ox++) {
            let acc = bias.length ? bias[oc]! : 0;
            for (let ic = 0; ic < cinG; ic++) {
              for (let ky = 0; ky < kh; ky++) {
                const iy = oy * sh - ph + ky * dh;
                if (iy < 0 || iy >= ih) continue;
                for (let kx = 0; kx < kw; kx++) {
                  const ix = ox * sw - pw + kx * dw;
                  if (ix < 0 || ix >= iw) continue;
                  const wi = ((oc * cinG + ic) * kh + ky) * kw + kx;
                  acc += w[wi]! * input[((ic0 + ic) * ih + iy) * iw + ix]!;
                }
              }
            }
            output[(oc * oh + oy) * ow + ox] = acc;
          }
        }
      }
    },
  };
}
