// The integer neuron step of neuron.ts (neuronIntReference, the readable form) in 32-bit integer
// arithmetic, for the settings almost every profile uses: leak by multiply-shift, table or shift
// rounded toward zero, down (floor) or half up, and registers no wider than 30 bits. Options
// fixed per layer are resolved once per call; the loop calls no closures and no generic rounding
// or overflow helpers. Any other setting, or a layer whose products could leave 32 bits, takes
// the reference loop (fastRules returns null). Tested against it in test/emulator/kernel-*.
// LIMITATION: still JavaScript, one neuron at a time; a SIMD step would need the layer's state
// and parameters in WebAssembly memory (docs/emulator.md, Speed).
import type { Register } from '../../quantize/profile.js';
import type { NeuronIntOp, Plan } from '../plan-types.js';

/** The per-call constants of the fast loop, found once per (layer, plan). */
export interface FastRules {
  plan: Plan;
  /** Leak form: 0 multiply-shift (and table: same product), 1 shift (per-neuron k, −1 none). */
  shiftLeak: boolean;
  /** Fraction bits F of the multiplier (multiply form). */
  frac: number;
  /** Added before the right shift: half up adds 2^(F−1); toward zero adds 2^F − 1 when < 0. */
  towardZero: boolean;
  halfUp: boolean;
  state: RegisterFit;
  current: RegisterFit;
  /** The plain LIF case of lifStep: spiking, no current, no refractory period, saturation. */
  lif: boolean;
}

/** How a value is brought into a signed register: clamp to [lo, hi], or keep the low bits. */
interface RegisterFit {
  saturate: boolean;
  lo: number;
  hi: number;
  /** 32 − bits: (y << sh) >> sh keeps the low `bits` bits, sign-extended (two's complement). */
  sh: number;
}

const FAST_ROUNDING = new Set(['toward-zero', 'floor', 'nearest-up']);
// Widest register the fast loop takes: v + 2^(k−1) and the products stay inside int32.
const MAX_FAST_BITS = 30;
const cache = new WeakMap<NeuronIntOp, FastRules | null>();

/** The fast loop's constants for this layer, or null when only the reference loop is exact. */
export function fastRules(op: NeuronIntOp, plan: Plan): FastRules | null {
  const hit = cache.get(op);
  if (hit !== undefined && (hit === null || hit.plan === plan)) return hit;
  const rules = findRules(op, plan);
  cache.set(op, rules);
  return rules;
}

function findRules(op: NeuronIntOp, plan: Plan): FastRules | null {
  const p = plan.profile;
  const leak = p.leak;
  if (!FAST_ROUNDING.has(leak.rounding)) return null;
  if (p.state.bits > MAX_FAST_BITS || p.current.bits > MAX_FAST_BITS) return null;
  const shiftLeak = leak.kind === 'shift';
  const frac = leak.kind === 'shift' ? 0 : leak.fractionBits;
  if (frac > MAX_FAST_BITS) return null;

  // Every leak input is a register value (|x| ≤ 2^(bits−1)) or a reset value.
  const vMax = Math.max(2 ** (p.state.bits - 1), maxAbs(op.vReset));
  const iMax = 2 ** (p.current.bits - 1);
  if (vMax >= 2 ** MAX_FAST_BITS) return null;
  if (shiftLeak && !shiftsFit(op)) return null;
  if (!shiftLeak && !productsFit(vMax, op.vDecay, frac)) return null;
  if (!shiftLeak && op.cuba && !productsFit(iMax, op.iDecay, frac)) return null;
  // lifStep's branch-free compare needs θ and v inside ±2^30.
  const lif = !op.cuba && op.spiking && plan.reset.refractory === 0 && !shiftLeak;
  const thrFits = maxAbs(op.thr) < 2 ** MAX_FAST_BITS;
  return {
    plan,
    lif: lif && thrFits && p.state.overflow === 'saturate' && !plan.reset.sameStep,
    shiftLeak,
    frac,
    towardZero: leak.rounding === 'toward-zero',
    halfUp: leak.rounding === 'nearest-up',
    state: registerFit(p.state),
    current: registerFit(p.current),
  };
}

function registerFit(r: Register): RegisterFit {
  return {
    saturate: r.overflow === 'saturate',
    lo: -(2 ** (r.bits - 1)),
    hi: 2 ** (r.bits - 1) - 1,
    sh: 32 - r.bits,
  };
}

function maxAbs(a: Int32Array): number {
  let m = 0;
  for (let j = 0; j < a.length; j++) m = Math.max(m, Math.abs(a[j]!));
  return m;
}

/** x · m plus the rounding offset (< 2^F) stays a signed 32-bit integer. */
function productsFit(xMax: number, decay: Int32Array, frac: number): boolean {
  return xMax * maxAbs(decay) + 2 ** frac < 2 ** 31;
}

/** Shift leaks: every k is −1 (no leak) or a shift a 32-bit register can take. */
function shiftsFit(op: NeuronIntOp): boolean {
  const ok = (a: Int32Array) => a.every((k) => k >= -1 && k <= MAX_FAST_BITS);
  return ok(op.vDecay) && (!op.cuba || ok(op.iDecay));
}

/** (x · m) / 2^F rounded: floor is the arithmetic shift; the offsets give the other two rules. */
function leakMultiply(x: number, m: number, r: FastRules): number {
  const p = Math.imul(x, m);
  const up = r.halfUp && r.frac > 0 ? 1 << (r.frac - 1) : 0;
  const neg = r.towardZero ? (p >> 31) & ((1 << r.frac) - 1) : 0;
  return (p + up + neg) >> r.frac;
}

/** x − x / 2^k rounded (k = −1: no leak). */
function leakShift(x: number, k: number, r: FastRules): number {
  if (k < 0) return x;
  const up = r.halfUp && k > 0 ? 1 << (k - 1) : 0;
  const neg = r.towardZero ? (x >> 31) & ((1 << k) - 1) : 0;
  return x - ((x + up + neg) >> k);
}

function leakBy(x: number, decay: number, r: FastRules): number {
  return r.shiftLeak ? leakShift(x, decay, r) : leakMultiply(x, decay, r);
}

/** The register's overflow rule on an exact integer (a float64 below 2^53). */
function fit(y: number, f: RegisterFit): number {
  if (f.saturate) return y > f.hi ? f.hi : y < f.lo ? f.lo : y;
  return (y << f.sh) >> f.sh;
}

/** One step of an integer layer; same contract and results as neuronIntReference. */
export function neuronIntFast(
  op: NeuronIntOp,
  r: FastRules,
  v: Int32Array,
  cur: Int32Array,
  last: Uint8Array,
  refr: Int32Array,
  x: Int32Array,
  out: Int32Array,
  ev: Int32Array,
): number {
  if (r.lif) return lifStep(op, r, v, last, x, out, ev);
  const { zero, sameStep, refractory } = r.plan.reset;
  const nextZero = zero && !sameStep;
  const nextSub = !zero && !sameStep;
  const setOn = nextZero && r.plan.reset.setOnNext === true;
  const geOffset = r.plan.profile.compare === '>=' ? 1 : 0;
  const { cuba, spiking, vDecay, iDecay, bias, thr, vReset } = op;
  const n = v.length;
  let nev = 0;
  for (let j = 0; j < n; j++) {
    let drive = x[j]!;
    if (cuba) drive = cur[j] = fit(leakBy(cur[j]!, iDecay[j]!, r) + drive, r.current);
    if (refr[j]! > 0) {
      refr[j]!--;
      last[j] = 0;
      out[j] = spiking ? 0 : v[j]!;
      continue;
    }

    // Leak, drive and the next-step reset; then the state register's overflow rule.
    const before = last[j] === 1;
    const t = thr[j]!;
    let vj: number;
    if (before && setOn) vj = vReset[j]!;
    else {
      vj = leakBy(before && nextZero ? vReset[j]! : v[j]!, vDecay[j]!, r) + drive + bias[j]!;
      if (before && nextSub) vj -= t;
    }
    vj = fit(vj, r.state);
    if (!spiking) {
      v[j] = out[j] = vj;
      continue;
    }

    // Spike test (≥ is > on integers one lower), then the same-step reset.
    const s = vj + geOffset > t;
    if (s) {
      if (sameStep) vj = zero ? vReset[j]! : fit(vj - t, r.state);
      refr[j] = refractory;
      ev[nev++] = j;
    }
    v[j] = vj;
    last[j] = out[j] = s ? 1 : 0;
  }
  return nev;
}

/**
 * neuronIntFast for plain LIF layers with next-step reset: multiply-shift leak, saturating state,
 * no refractory period (refr then stays 0, so it is not read), |θ| < 2^30. No option is tested
 * per neuron, and neither the reset nor the spike list takes a branch.
 */
function lifStep(
  op: NeuronIntOp,
  r: FastRules,
  v: Int32Array,
  last: Uint8Array,
  x: Int32Array,
  out: Int32Array,
  ev: Int32Array,
): number {
  const { vDecay, bias, thr, vReset } = op;
  const zero = r.plan.reset.zero ? 1 : 0;
  const setOn = zero === 1 && r.plan.reset.setOnNext === true;
  const sub = 1 - zero;
  const geOffset = r.plan.profile.compare === '>=' ? 1 : 0;
  const F = r.frac;
  const up = r.halfUp && F > 0 ? 1 << (F - 1) : 0;
  const neg = r.towardZero ? (1 << F) - 1 : 0;
  const { lo, hi } = r.state;
  const n = v.length;
  let nev = 0;
  for (let j = 0; j < n; j++) {
    const before = last[j]!;
    const t = thr[j]!;
    const p = Math.imul(before & zero ? vReset[j]! : v[j]!, vDecay[j]!);
    let vj = ((p + up + ((p >> 31) & neg)) >> F) + x[j]! + bias[j]! - (t & -(before & sub));
    if (setOn && before === 1) vj = vReset[j]!;
    vj = vj > hi ? hi : vj < lo ? lo : vj;

    // Without branches: the sign bit of θ − offset − v is the spike; ev[nev] is kept if it is 1.
    const s = (t - geOffset - vj) >>> 31;
    ev[nev] = j;
    nev += s;
    v[j] = vj;
    last[j] = s;
    out[j] = s;
  }
  return nev;
}
