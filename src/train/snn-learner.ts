// The spiking network as a Learner for the shared epoch loop.
import { gatherTimeMajor } from './batches.js';
import { evaluateSnn } from './evaluate.js';
import type { Learner } from './fit.js';
import { BETA_MAX } from './lif.js';
import type { MatMul } from './matmul.js';
import { timed } from './profile.js';
import { snnBackward, snnForward, snnParams, type SnnNet } from './snn.js';

/** Wrap a network so fitLearner can train it; β is kept in [0, BETA_MAX] after each step. */
export function createSnnLearner(net: SnnNet, mm: MatMul): Learner {
  return {
    params: snnParams(net),
    gradients(set, order, start, end, prof) {
      const b = timed(prof, 'gather', () => gatherTimeMajor(set, order, start, end));
      const fwd = snnForward(net, b.x, set.steps, b.batch, mm, prof);
      return snnBackward(net, fwd, b.labels, mm, prof);
    },
    // snnTorch clamps β to [0, 1] inside the forward pass; projecting the stored value gives
    // the same forward pass and keeps NIR's tau = dt/(1−β) finite at export.
    // LIMITATION: β is capped at 1 − 2⁻²⁰, not 1, and a projected β no longer remembers how
    // far past a bound Adam pushed it (a clamp in the forward pass would).
    afterStep() {
      for (const l of net.layers) l.beta[0] = Math.min(BETA_MAX, Math.max(0, l.beta[0]!));
    },
    evaluate(set) {
      const e = evaluateSnn(net, set, mm);
      return { accuracy: e.accuracy, loss: e.loss, spikesPerInference: e.spikesPerInference };
    },
  };
}
