// sPyNNaker's fixed-point types and primitive operations (docs/spinnaker.md §1.1), on raw bits.
// REAL is GCC `accum`: s16.15 in an int32. Decay factors are `unsigned long fract`: u0.32.

/** Fraction bits of s16.15 (docs §1.1: REAL = accum). */
export const S1615_FRACTION_BITS = 15;
/** Raw bits of 1.0 in s16.15. */
export const S1615_ONE = 1 << S1615_FRACTION_BITS;
/** Largest and smallest raw s16.15 values (int32). */
export const S1615_MAX_BITS = 0x7fffffff;
export const S1615_MIN_BITS = -0x80000000;
/** 2^32: one in u0.32, and the modulus of a 32-bit wrap. */
export const U032_ONE = 4294967296;

/** Ties-to-even rounding of a real number, as Python's round(Decimal) does (docs §1.1). */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Host → chip encoding of a float parameter: round(value × 2^15), ties to even (docs §1.1,
 * DataType.encode_as_int). Throws RangeError when the value does not fit in s16.15.
 */
export function encodeS1615(value: number): number {
  const bits = roundHalfEven(value * S1615_ONE);
  if (!Number.isFinite(bits) || bits > S1615_MAX_BITS || bits < S1615_MIN_BITS) {
    throw new RangeError(`${value} is outside s16.15 (±65536)`);
  }
  return bits;
}

/** Real value of raw s16.15 bits. */
export function decodeS1615(bits: number): number {
  return bits / S1615_ONE;
}

/** Host → chip encoding of a u0.32 value: round(value × 2^32), ties to even (docs §1.2). */
export function encodeU032(value: number): number {
  return Math.min(U032_ONE - 1, roundHalfEven(value * U032_ONE));
}

/**
 * mulk(a, b): signed 64-bit product of two s16.15 values, arithmetic >> 15 (floor), wrapped to
 * 32 bits (docs §1.1, GCC arm-fixed.md `mulsa3`). Exact for all int32 inputs: b is split into
 * 16-bit halves so that every partial product stays below 2^53.
 */
export function mulk(a: number, b: number): number {
  return mulkUnwrapped(a, b) | 0;
}

/** floor(a·b / 2^15) before the 32-bit wrap (exact: below 2^48), to detect overflow. */
export function mulkUnwrapped(a: number, b: number): number {
  const bHi = b >> 16;
  const bLo = b & 0xffff;
  return 2 * a * bHi + Math.floor((a * bLo) / 32768);
}

/** Whether an exact integer lies outside int32, i.e. the chip's 32-bit result wrapped. */
export function wraps(x: number): boolean {
  return x > S1615_MAX_BITS || x < S1615_MIN_BITS;
}

/**
 * decay_s1615(x, d): (int64 x × uint32 d) >> 32, floor (docs §1.1, decay.h). x is s16.15 bits,
 * d a u0.32 fraction; the result is s16.15 bits.
 */
export function decayS1615(x: number, d: number): number {
  const dHi = Math.floor(d / 65536);
  const dLo = d % 65536;
  const a = x * dHi;
  const bHi = Math.floor((x * dLo) / 65536);
  return Math.floor((a + bHi) / 65536) | 0;
}

/**
 * decay_s1615_to_u032(x, d): (x_bits × d_bits) >> 15, the result read as u0.32 (docs §1.1).
 * Used once, for the synaptic init factor; BigInt keeps the 64-bit product exact.
 */
export function decayS1615ToU032(x: number, d: number): number {
  const r = (BigInt(x) * BigInt(d)) >> 15n;
  return Number(BigInt.asUintN(32, r));
}

/** kdivk(a, b) = (a_bits << 15) / b_bits, unsigned 64-bit, truncating (docs §1.1). */
export function kdivk(a: number, b: number): number {
  const num = BigInt.asUintN(64, BigInt(a) << 15n);
  const den = BigInt.asUintN(64, BigInt(b));
  if (den === 0n) throw new RangeError('kdivk by zero');
  return Number(BigInt.asIntN(32, num / den));
}

/** kdivui(a, n) = a_bits / n, unsigned 32-bit, truncating (docs §1.1). */
export function kdivui(a: number, n: number): number {
  return Math.floor((a >>> 0) / n) | 0;
}

/** lif_ceil_accum: ceiling of an s16.15 value as an integer (docs §1.3, T_refract). */
export function ceilAccum(bits: number): number {
  const integer = bits >> S1615_FRACTION_BITS;
  return (bits & 0x7fff) > 0 ? integer + 1 : integer;
}
