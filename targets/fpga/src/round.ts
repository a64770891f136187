// The two rounding rules of the fpga profile, written once (README §2).

/** Round half away from zero: the quantiser's rule for weights, biases, θ and inputs. */
export function roundAway(x: number): number {
  return x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5);
}

/** Arithmetic shift right (floor division by 2^k), exact for |x| < 2^53. */
export function shiftFloor(x: number, k: number): number {
  return Math.floor(x / 2 ** k);
}

/** Clamp to a signed range of `bits` bits. */
export function clampSigned(x: number, bits: number): number {
  const hi = 2 ** (bits - 1) - 1;
  const lo = -(2 ** (bits - 1));
  return x > hi ? hi : x < lo ? lo : x;
}
