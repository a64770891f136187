// Delay: y(t) = x(t − delay), per element; delay in the unit of dt (seconds in every known
// exporter). A step simulation delays by round(delay/dt) steps, zeros before the first input.
import { IrError } from '../errors.js';
import { checkNeuronFields, neuronShape, perNeuron } from './fields.js';
import type { Primitive } from './types.js';

const NEURON_FIELDS = ['delay'] as const;

/** Most delay-buffer values a simulation may hold (2^26 float64 = 512 MiB). */
export const MAX_DELAY_BUFFER = 2 ** 26;

/** Python's round(): halves go to the even neighbour, as the NIRTorch reference does. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** NIR's Delay node: its fields, shape rule and per-step simulator. */
export const delay: Primitive = {
  type: 'Delay',
  summary: 'y(t) = x(t − delay)',
  fields: [{ name: 'delay', role: 'neuron', required: true, doc: 'delay per element [s]' }],
  spiking: false,
  inputShape: (node) => neuronShape(node, NEURON_FIELDS),
  outputShape: (_node, inputShape) => inputShape,
  check: (node) => checkNeuronFields(node, NEURON_FIELDS),
  instantiate(node, shapes, ctx) {
    const n = shapes.output.reduce((a, b) => a * b, 1);
    const steps = Array.from(perNeuron(node, 'delay', n), (d) => roundHalfEven(d / ctx.dt));
    const depth = Math.max(0, ...steps) + 1;
    if (steps.some((s) => !(s >= 0)) || depth * n > MAX_DELAY_BUFFER) {
      throw new IrError('E_SIM_DELAY', `delays of [${Math.min(...steps)}, ${depth - 1}] steps ` +
        `for ${n} elements cannot be buffered`, '', 'use delays ≥ 0 and a coarser dt');
    }

    // A ring of `depth` past inputs; slot t % depth holds x(t).
    const ring = new Float64Array(depth * n);
    let t = 0;
    return {
      state: {},
      step(input, output) {
        ring.set(input, (t % depth) * n);
        for (let j = 0; j < n; j++) {
          const s = steps[j]!;
          output[j] = s > t ? 0 : ring[((t - s) % depth) * n + j]!;
        }
        t++;
      },
    };
  },
};
