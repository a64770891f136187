// Shapes and the runtime of Affine / Linear: y = W·x (+ b), with NIR's optional leading batch
// dimensions in `weight` (shape [...B, N_out, N_in] maps [...B, N_in] to [...B, N_out]).
import type { IrNode } from '../model.js';
import { numeric } from './fields.js';
import type { FieldIssue, NodeRuntime, Shape } from './types.js';

/** Input shape a weight fixes: weight.shape[:-2] + [N_in] (NIR nir/ir/linear.py). */
export function denseInput(node: IrNode): Shape | undefined {
  const w = numeric(node, 'weight');
  if (!w || w.shape.length < 2) return undefined;
  return [...w.shape.slice(0, -2), w.shape[w.shape.length - 1]!];
}

/** Output shape: weight.shape[:-2] + [N_out]. */
export function denseOutput(node: IrNode): Shape | string {
  const w = numeric(node, 'weight');
  if (!w || w.shape.length < 2) return 'weight must be at least 2-D ([N_out, N_in])';
  return [...w.shape.slice(0, -2), w.shape[w.shape.length - 2]!];
}

/** Issues with the weight rank and (for Affine) the bias length. */
export function checkDense(node: IrNode, hasBias: boolean): FieldIssue[] {
  const w = numeric(node, 'weight');
  if (!w) return [];
  if (w.shape.length < 2) {
    return [{ field: 'weight', message: `is ${w.shape.length}-D [${w.shape}]; it must be 2-D` }];
  }
  const b = hasBias ? numeric(node, 'bias') : undefined;
  if (!b) return [];
  const nOut = w.shape[w.shape.length - 2]!;
  const outSize = w.shape.slice(0, -2).reduce((a, x) => a * x, nOut);
  const n = b.data.length;
  if (n === nOut || n === outSize || n === 1) return [];
  return [{ field: 'bias', message: `has ${n} values; expected ${nOut} (N_out of weight)` }];
}

/** y[..., o] = Σ_i W[..., o, i]·x[..., i] + b[o], in float64. */
export function denseRuntime(w: Float64Array, wShape: Shape, bias: Float64Array): NodeRuntime {
  const nIn = wShape[wShape.length - 1]!;
  const nOut = wShape[wShape.length - 2]!;
  const batches = w.length / (nIn * nOut);
  return {
    state: {},
    step(input, output) {
      for (let b = 0; b < batches; b++) {
        for (let o = 0; o < nOut; o++) {
          const row = (b * nOut + o) * nIn;
          let acc = 0;
          for (let i = 0; i < nIn; i++) acc += w[row + i]! * input[b * nIn + i]!;
          const k = b * nOut + o;
          output[k] = acc + (bias.length === 0 ? 0 : bias[k % bias.length]!);
        }
      }
    },
  };
}
