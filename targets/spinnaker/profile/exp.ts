// The chip's table-based exponential (docs/spinnaker.md §1.1: spinn_common stdfix-exp.c and
// utils.h), ported on BigInt so every bit matches: expk gives s16.15, expulr gives u0.32.
// Only the on-chip constants use it, so speed does not matter here.

/** e^k × 2^32 for k = −13 … 12, index k + 13 (spinn_common's integer-part table). */
const EXP_INT_TABLE: readonly bigint[] = [
  9708n,
  26389n,
  71733n,
  194991n,
  530041n,
  1440801n,
  3916503n,
  10646160n,
  28939262n,
  78665070n,
  213833830n,
  581260615n,
  1580030169n,
  4294967296n,
  11674931555n,
  31735754293n,
  86266724208n,
  234497268814n,
  637429664642n,
  1732713474316n,
  4710003551159n,
  12803117065094n,
  34802480465680n,
  94602950235157n,
  257157480542844n,
  699026506411923n,
];

/** (1 − e^(−m/16)) × 2^32 for m = 0 … 15: the top four fraction bits. */
const EXPM1_MID_TABLE: readonly bigint[] = [
  0n,
  260218914n,
  504671961n,
  734314346n,
  950043403n,
  1152702096n,
  1343082321n,
  1521927990n,
  1689937949n,
  1847768698n,
  1996036966n,
  2135322113n,
  2266168400n,
  2389087112n,
  2504558555n,
  2613033936n,
];

/** Coefficients of the short series for 1 − e^(−x) on the low eleven fraction bits. */
const SERIES: readonly [bigint, bigint, bigint] = [5294n, 4293434720n, 2081624032n];

/** Input bits above this saturate expk to INT32_MAX; below EXP_MIN_BITS give 0 (docs §1.1). */
const EXP_MAX_BITS = 363408;
const EXP_MIN_BITS = -340695;
const MASK32 = 0xffffffffn;

/** Upper 32 bits of (c × x) for two unsigned 32-bit values. */
function coefMult(c: bigint, x: bigint): bigint {
  return ((c * x) >> 32n) & MASK32;
}

/** The series term for the low fraction bits, with 32-bit unsigned wrap as in C. */
function series(x: bigint): bigint {
  let t = (SERIES[1] - coefMult(SERIES[2], x)) & MASK32;
  t = coefMult(t, x);
  return (t + SERIES[0]) & MASK32;
}

/** x × y with y read as u0.32; the low-word product rounds up when its low word ≥ 2^31 − 1. */
function scale64(x: bigint, y: bigint): bigint {
  const lo = (x & MASK32) * y;
  const rounded = (lo >> 32n) + ((lo & MASK32) >= 0x7fffffffn ? 1n : 0n);
  return rounded + (x >> 32n) * y;
}

/** e^(bits/2^15) × 2^32 as the chip computes it (32 fraction bits). */
function expTimes2pow32(bits: number): bigint {
  let z = bits >> 15;
  let f = bits - z * 32768;
  if (f === 0) return EXP_INT_TABLE[13 + z]!;

  // Round the integer part up and subtract the remaining fraction in two stages.
  z += 1;
  f = 32768 - f;
  let t = EXP_INT_TABLE[13 + z]!;
  t -= scale64(t, EXPM1_MID_TABLE[f >> 11]!);
  const y = BigInt(f & 0x7ff) << 17n;
  t -= scale64(t, series(y));
  return t;
}

/** expk: e^x for an s16.15 input, as s16.15 bits (result >> 17, truncated). */
export function expk(bits: number): number {
  if (bits > EXP_MAX_BITS) return 0x7fffffff;
  if (bits < EXP_MIN_BITS) return 0;
  return Number(BigInt.asIntN(32, expTimes2pow32(bits) >> 17n));
}

/** expulr: e^x for an s16.15 input, as u0.32 bits (the low 32 bits of the result). */
export function expulr(bits: number): number {
  if (bits > EXP_MAX_BITS) return 0x7fffffff;
  if (bits < EXP_MIN_BITS) return 0;
  return Number(expTimes2pow32(bits) & MASK32);
}
