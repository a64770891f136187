// The paper's spiking network (Linear → Leaky)* evaluated layer by layer over all time steps:
// with no recurrence between layers inside a step, each layer's product covers every step at
// once ([T·B] rows), and only the per-neuron LIF recurrence runs step by step.
import type { LayerParams } from './init.js';
import { lifBackward, lifForward, type LifTrace, type ResetMode } from './lif.js';
import { crossEntropyOverSteps } from './loss.js';
import { transpose, type MatMul } from './matmul.js';
import type { Profile } from './profile.js';
import { timed } from './profile.js';

/** What the cross-entropy reads at each step: output spikes, or output membrane potentials. */
export type LossTarget = 'spikes' | 'membrane';

export interface SnnNet {
  layers: LayerParams[];
  reset: ResetMode;
  /** Absent means 'spikes' (paper.md §7); config.ts explains 'membrane'. */
  loss?: LossTarget;
}

/** The [T][B][C] array the loss reads. */
export function lossLogits(net: SnnNet, fwd: SnnForward): Float32Array {
  const out = fwd.traces[fwd.traces.length - 1]!;
  return net.loss === 'membrane' ? out.mem : out.spk;
}

/** Inputs and traces of one forward pass, time-major [T][B][·]. */
export interface SnnForward {
  steps: number;
  batch: number;
  /** What fed each layer: the encoded frames, then the spikes of the layer below. */
  inputs: Float32Array[];
  traces: LifTrace[];
}

/** Forward pass of time-major input frames x [T][B][nIn]. */
export function snnForward(
  net: SnnNet,
  x: Float32Array,
  steps: number,
  batch: number,
  mm: MatMul,
  prof?: Profile,
): SnnForward {
  const inputs: Float32Array[] = [];
  const traces: LifTrace[] = [];
  let input = x;
  for (const l of net.layers) {
    inputs.push(input);
    const wt = timed(prof, 'transpose', () => transpose(l.weight, l.nOut, l.nIn));
    const cur = timed(prof, 'matmul', () => mm(input, steps * batch, l.nIn, wt, l.nOut));
    const beta = l.beta[0]!;
    const theta = l.threshold[0]!;
    const trace = timed(prof, 'lif', () =>
      lifForward(cur, l.bias, steps, batch, l.nOut, beta, theta, net.reset),
    );
    traces.push(trace);
    input = trace.spk;
  }
  return { steps, batch, inputs, traces };
}

/** Parameters in the fixed order the optimiser sees them: per layer weight, bias, β, θ. */
export function snnParams(net: SnnNet): Float32Array[] {
  return net.layers.flatMap((l) => [l.weight, l.bias, l.beta, l.threshold]);
}

/** Loss of a forward pass and the gradient of every parameter, in snnParams order. */
export function snnBackward(
  net: SnnNet,
  fwd: SnnForward,
  labels: ArrayLike<number>,
  mm: MatMul,
  prof?: Profile,
): { loss: number; grads: Float32Array[] } {
  const { steps, batch } = fwd;
  const rows = steps * batch;
  const last = net.layers.length - 1;
  const classes = net.layers[last]!.nOut;
  const logits = lossLogits(net, fwd);
  const ce = timed(prof, 'loss', () =>
    crossEntropyOverSteps(logits, labels, steps, batch, classes),
  );
  const grads: Float32Array[] = new Array<Float32Array>(4 * net.layers.length);
  const onMembrane = net.loss === 'membrane';
  let gSpk = onMembrane ? new Float32Array(ce.grad.length) : ce.grad;
  for (let k = last; k >= 0; k--) {
    const l = net.layers[k]!;
    const trace = fwd.traces[k]!;
    const beta = l.beta[0]!;
    const theta = l.threshold[0]!;
    const g = timed(prof, 'lif', () =>
      lifBackward(
        gSpk,
        trace,
        steps,
        batch,
        l.nOut,
        beta,
        theta,
        net.reset,
        k === last && onMembrane ? ce.grad : undefined,
      ),
    );

    // dW = dIᵀ · input ([nOut][rows] · [rows][nIn]); dInput = dI · W for the layer below.
    const gCurT = timed(prof, 'transpose', () => transpose(g.gCur, rows, l.nOut));
    const gW = timed(prof, 'matmul', () => mm(gCurT, l.nOut, rows, fwd.inputs[k]!, l.nIn));
    if (k > 0) gSpk = timed(prof, 'matmul', () => mm(g.gCur, rows, l.nOut, l.weight, l.nIn));
    grads[4 * k] = gW;
    grads[4 * k + 1] = g.gBias;
    grads[4 * k + 2] = Float32Array.of(g.gBeta);
    grads[4 * k + 3] = Float32Array.of(g.gTheta);
  }
  return { loss: ce.loss, grads };
}
