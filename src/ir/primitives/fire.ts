// The threshold and reset of forward-Euler spiking neurons, for both reset rules:
// - 'zero' (NIR's own rule): z = [v > v_threshold]; where z, v := v_reset in the same step;
// - 'subtract' (snnTorch's default, reset_delay=True): z = [v > v_threshold] and the threshold
//   is taken off in the NEXT step, after that step's update and without being leaked:
//   v_t = update(v_{t−1}) − z_{t−1}·v_threshold.
// LIMITATION: Sinabs' and Rockpool's subtraction (at once, several spikes per step) is not a
// rule here; such models run as 'subtract' with one event per step.
import type { SimContext } from './types.js';

/** Before thresholding: take off the previous step's spike under the 'subtract' rule. */
export function carrySubtract(ctx: SimContext, v: Float64Array, j: number, thr: number,
  fired: Uint8Array): void {
  if (ctx.reset === 'subtract' && fired[j] === 1) v[j] = v[j]! - thr;
}

/** Threshold neuron j after its update; under 'zero' reset it at once. Returns the spike (0/1). */
export function fire(ctx: SimContext, v: Float64Array, j: number, thr: number, vReset: number,
  fired: Uint8Array): number {
  const z = v[j]! > thr ? 1 : 0;
  if (z === 1 && ctx.reset === 'zero') v[j] = vReset;
  fired[j] = z;
  return z;
}
