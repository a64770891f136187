// Loihi's integer arithmetic as Lava's bit-accurate CPU models run it (PyLifModelBitAcc,
// PyLifResetModelBitAcc, PyDenseModelBitAcc at lava-nc/lava b6822fbc). Every width, shift and
// rounding below is written once and names the section of shared/docs/loihi.md it implements.

/** §1.1: u and v are 24-bit signed; 2^23 bounds the wrap of u and the clamp of v. */
export const UV_HALF = 2 ** 23;
/** §1.2 step 6: v saturates at ±(2^23 − 1), one inside the 24-bit range on both sides. */
export const V_LIMIT = UV_HALF - 1;
/** §1.1: decays are 12-bit fractions of 4096 (decay_shift 12). */
export const DECAY_SHIFT = 12;
export const DECAY_UNITY = 2 ** DECAY_SHIFT;
/** §1.1: the Loihi-1 offset registers: the current decay is du + 1, the voltage decay dv + 0. */
export const DS_OFFSET = 1;
export const DM_OFFSET = 0;
/** §1.1: synaptic input and threshold are MSB-aligned by a left shift of 6 (act/vth_shift). */
export const ACT_SHIFT = 6;
export const VTH_SHIFT = 6;
/** §1.2 step 5 with §1.1: the largest |a| whose a << 6 cannot wrap u on its own (2^17 − 1). */
export const A_LIMIT = UV_HALF / 2 ** ACT_SHIFT - 1;
/** §1.1: du and dv are 12-bit unsigned; du = −1 (netx iDecay 0) is the one value below 0. */
export const DECAY_MIN = -1;
export const DECAY_MAX = 4095;
/** §1.1: vth is 17-bit unsigned. */
export const VTH_MAX = 2 ** 17 - 1;
/** §1.1: bias_mant is 13-bit signed, stored in int16. */
export const BIAS_MANT_MIN = -4096;
export const BIAS_MANT_MAX = 4095;
/** §1.4: Dense weights are clipped to 8 bits before the LSB truncation. */
export const WEIGHT_BITS = 8;
/** §2.2: netx builds every LIF with bias_exp 6, so a netx bias is bias_mant << 6. */
export const NETX_BIAS_EXP = 6;

/** numpy int32 arithmetic wraps modulo 2^32 (§1.1: a_in takes the sender's int32 dtype). */
export function int32(x: number): number {
  return x | 0;
}

/** numpy int16 storage of bias_mant keeps the low 16 bits (§1.1: bias_mant is int16). */
export function int16(x: number): number {
  return (x << 16) >> 16;
}

/**
 * §1.2 step 4/6: x·(4096 − decay) >> 12 on |x| with the sign put back, i.e. the 64-bit
 * product divided by 4096 rounding toward zero. |x| < 2^24 and the factor ≤ 4097, so the
 * product is below 2^37 and exact in a float64.
 */
export function decay12(x: number, decay: number): number {
  return Math.trunc((x * (DECAY_UNITY - decay)) / DECAY_UNITY);
}

/**
 * §1.2 step 5: one wrap of u into 24 bits: above +2^23 loses 2^24, at or below −2^23 gains
 * 2^24; +2^23 itself is kept and only one wrap is applied. Lava subtracts in int32.
 */
export function wrapCurrent(u: number): number {
  if (u > UV_HALF) return int32(u - 2 * UV_HALF);
  if (u <= -UV_HALF) return int32(u + 2 * UV_HALF);
  return u;
}

/** §1.2 step 6: v saturates at ±(2^23 − 1). */
export function clampVoltage(v: number): number {
  return v > V_LIMIT ? V_LIMIT : v < -V_LIMIT ? -V_LIMIT : v;
}

/** §1.2 step 2: B = bias_mant << bias_exp, or an arithmetic right shift for a negative exp. */
export function effectiveBias(biasMant: number, biasExp: number): number {
  const m = int16(biasMant);
  return biasExp >= 0 ? int32(m << biasExp) : m >> -biasExp;
}

/** §1.2 step 3: the threshold the voltage is compared against, vth << 6. */
export function effectiveThreshold(vth: number): number {
  return int32(vth << VTH_SHIFT);
}

/** Integer parameters of one LIF population as Lava's LIF process takes them. */
export interface LifParams {
  n: number;
  du: number;
  dv: number;
  vth: number;
  /** Per neuron. */
  biasMant: Int32Array;
  biasExp: Int32Array;
}

/** State of one LIF population; u and v are the values after the last step and its reset. */
export interface LifState {
  u: Int32Array;
  v: Int32Array;
}

/** Zeroed state for a population of n neurons. */
export function makeLifState(n: number): LifState {
  return { u: new Int32Array(n), v: new Int32Array(n) };
}

/** How often u wrapped and v saturated: either means the scale left Loihi's 24 bits. */
export interface Overflow {
  wraps: number;
  clamps: number;
}

/**
 * One time step of a population (§1.2 steps 1–7): decay u, add a << 6, wrap u once; decay v,
 * add u and the bias, clamp; spike when v > vth << 6 (strict), then v = 0 and u is kept.
 * No refractory period (§1.2 step 7). Writes 0/1 spikes into `spikes`; returns their count.
 */
export function stepLif(
  p: LifParams,
  s: LifState,
  aIn: Int32Array,
  spikes: Uint8Array,
  overflow?: Overflow,
): number {
  const th = effectiveThreshold(p.vth);
  const du = p.du + DS_OFFSET;
  const dv = p.dv + DM_OFFSET;
  let count = 0;
  for (let i = 0; i < p.n; i++) {
    const raw = int32(decay12(s.u[i]!, du) + int32(aIn[i]! << ACT_SHIFT));
    const u = wrapCurrent(raw);
    const b = effectiveBias(p.biasMant[i]!, p.biasExp[i]!);
    const sum = int32(decay12(s.v[i]!, dv) + u + b);
    let v = clampVoltage(sum);
    if (overflow && (u !== raw || v !== sum)) {
      if (u !== raw) overflow.wraps++;
      if (v !== sum) overflow.clamps++;
    }
    const fired = v > th;
    if (fired) {
      v = 0;
      count++;
    }
    s.u[i] = u;
    s.v[i] = v;
    spikes[i] = fired ? 1 : 0;
  }
  return count;
}

/** Round half to even, the rule of torch.round that SLAYER's export uses (§2.3). */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}
