// The sum-finishing step of synapse.ts (finishIntReference, the readable form) without a call per
// element, for a full 32-bit accumulator and one bias per output: a left shift (the demo
// networks' hidden layers, shift < 0) or none, and a right shift rounded down, toward zero or
// half up. Same float64 operations in the same order, so the results are identical.
import type { Rounding } from '../../quantize/arith.js';

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);

/** Finish the sums in place; false (nothing written) when the rule needs the reference loop. */
export function finishIntFast(
  out: Int32Array,
  shift: number,
  rounding: Rounding,
  bias: Int32Array | null,
  saturate: boolean,
): boolean {
  if (shift <= 0) {
    scaleLeft(out, 2 ** -shift, bias, saturate);
    return true;
  }
  if (shift > 30) return false;
  if (rounding === 'floor') shiftRight(out, shift, 0, 0, bias, saturate);
  else if (rounding === 'toward-zero') shiftRight(out, shift, 0, (1 << shift) - 1, bias, saturate);
  else if (rounding === 'nearest-up') shiftRight(out, shift, 1 << (shift - 1), 0, bias, saturate);
  else return false;
  return true;
}

/** x · 2^s + b, clamped to int32 when the sum saturates (an Int32Array store wraps). */
function scaleLeft(out: Int32Array, mul: number, bias: Int32Array | null, saturate: boolean): void {
  for (let j = 0; j < out.length; j++) {
    let y = out[j]! * mul;
    if (bias !== null) y += bias[j]!;
    out[j] = saturate ? (y > INT32_MAX ? INT32_MAX : y < INT32_MIN ? INT32_MIN : y) : y;
  }
}

/** (x + up + (x < 0 ? neg : 0)) >> k: floor, half up or toward zero, without leaving float64. */
function shiftRight(
  out: Int32Array,
  k: number,
  up: number,
  neg: number,
  bias: Int32Array | null,
  saturate: boolean,
): void {
  const inv = 2 ** -k;
  for (let j = 0; j < out.length; j++) {
    const x = out[j]!;
    let y = Math.floor((x + up + (x < 0 ? neg : 0)) * inv);
    if (bias !== null) y += bias[j]!;
    out[j] = saturate ? (y > INT32_MAX ? INT32_MAX : y < INT32_MIN ? INT32_MIN : y) : y;
  }
}
