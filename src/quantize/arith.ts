// Integer arithmetic shared by the quantiser and the integer emulator: rounding of products and
// shifts, and the overflow rule of a fixed-width register. Values travel as JS numbers, which are
// exact integers up to 2^53, so a 24-bit state times a 16-bit factor never loses a bit.

/** How a division by a power of two (or a float-to-integer conversion) is rounded. */
export type Rounding = 'toward-zero' | 'floor' | 'nearest-even' | 'nearest-away' | 'nearest-up';

/** What a register does when a result leaves its width. */
export type Overflow = 'saturate' | 'wrap';

export const ROUNDINGS: readonly Rounding[] = [
  'toward-zero',
  'floor',
  'nearest-even',
  'nearest-away',
  'nearest-up',
];
export const OVERFLOWS: readonly Overflow[] = ['saturate', 'wrap'];

/** Round a real number to an integer by the given rule (never −0). */
export function roundBy(x: number, mode: Rounding): number {
  return roundSigned(x, mode) + 0;
}

function roundSigned(x: number, mode: Rounding): number {
  switch (mode) {
    case 'toward-zero':
      return Math.trunc(x);
    case 'floor':
      return Math.floor(x);
    case 'nearest-away':
      return Math.sign(x) * Math.floor(Math.abs(x) + 0.5);
    // Half toward +∞: (x + 2^(k−1)) >> k, the FPGA core's accumulator shift (fpga README §2).
    case 'nearest-up':
      return Math.floor(x + 0.5);
    case 'nearest-even': {
      const f = Math.floor(x);
      const d = x - f;
      if (d < 0.5) return f;
      if (d > 0.5) return f + 1;
      return f % 2 === 0 ? f : f + 1;
    }
  }
}

/**
 * x / 2^k rounded by `mode` for k > 0, x · 2^−k for k ≤ 0 (a left shift is exact).
 * Division by a power of two is exact in float64, so only the final rounding matters.
 */
export function shiftRound(x: number, k: number, mode: Rounding): number {
  if (k <= 0) return x * 2 ** -k;
  return roundBy(x / 2 ** k, mode);
}

/** Largest and smallest value of a signed two's-complement register of `bits` bits. */
export function signedRange(bits: number): { min: number; max: number } {
  return { min: -(2 ** (bits - 1)), max: 2 ** (bits - 1) - 1 };
}

/** Bring x into a signed `bits`-bit register: clamp (saturate) or keep the low bits (wrap). */
export function fitWidth(x: number, bits: number, overflow: Overflow): number {
  const half = 2 ** (bits - 1);
  if (x >= -half && x < half) return x;
  if (overflow === 'saturate') return x < 0 ? -half : half - 1;
  const span = 2 * half;
  const m = (((x + half) % span) + span) % span;
  return m - half;
}

/** Number of bits a signed integer needs (sign included); 1 for zero. */
export function bitsNeeded(x: number): number {
  const a = x < 0 ? -x - 1 : x;
  return a === 0 ? 1 : Math.floor(Math.log2(a)) + 2;
}
