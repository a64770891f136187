// The element-wise nodes of a plan: Scale, Threshold and Delay, one value per neuron per step,
// float or integer as the plan is.
import { fitWidth, roundBy } from '../../quantize/arith.js';
import type { Plan, Vec } from '../plan-types.js';

/** Scale: out = x · s, in integers shifted by the node's power of two and wrapped to 32 bits. */
export function scaleInto(plan: Plan, s: Vec, shift: number, x: Vec, out: Vec): number {
  const p = plan.profile;
  for (let j = 0; j < out.length; j++) {
    const y = x[j]! * s[j]!;
    out[j] = plan.integer && shift !== 0 ? fitWidth(roundShift(y, shift, p), 32, 'wrap') : y;
  }
  return out.length;
}

/** Threshold: a unit event where x crosses thr (> or ≥ as the profile says); returns the count. */
export function thresholdInto(ge: boolean, thr: Vec, x: Vec, out: Vec, ev: Int32Array): number {
  let n = 0;
  for (let j = 0; j < out.length; j++) {
    const s = ge ? x[j]! >= thr[j]! : x[j]! > thr[j]!;
    out[j] = s ? 1 : 0;
    if (s) ev[n++] = j;
  }
  return n;
}

/** Delay: y_t = x_(t−d) from a history h of maxD + 1 frames, zeros before the first step. */
export function delayInto(
  h: Vec,
  d: Int32Array,
  maxD: number,
  x: Vec,
  out: Vec,
  t: number,
): void {
  const n = out.length;
  const slots = maxD + 1;
  h.set(x, (t % slots) * n);
  for (let j = 0; j < n; j++) out[j] = t - d[j]! < 0 ? 0 : h[((t - d[j]!) % slots) * n + j]!;
}

// The profile's shift rounding (src/quantize/profile.ts WeightFormat.shiftRounding).
function roundShift(y: number, shift: number, p: Plan['profile']): number {
  return shift > 0 ? roundBy(y / 2 ** shift, p.weight.shiftRounding) : y * 2 ** -shift;
}
