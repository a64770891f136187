// One time step of a neuron layer, float or integer. Order within a step (both forms):
//   1. Cuba neurons: i ← decay(i) + S, and the membrane is driven by the new i (nir_euler order).
//   2. A refractory neuron holds v and cannot spike (its current still integrates).
//   3. v ← decay(base) + drive + bias; base is v_reset after a spike under next-step zero reset,
//      and next-step subtract removes θ here (snnTorch's reset_delay: mem − reset·θ).
//   4. The state register's overflow rule (integer only), then the spike test v > θ (or ≥).
//   5. Same-step reset: v ← v_reset (zero) or v − θ (subtract) right after the spike (NIR's rule).
import { fitWidth, roundBy, shiftRound, signedRange, type Rounding } from '../../quantize/arith.js';
import type { KernelState, LeakRule, NumericProfile } from '../../quantize/profile.js';
import type { NeuronFloatOp, NeuronIntOp, Plan, Vec } from '../plan-types.js';
import { fastRules, neuronIntFast } from './neuron-fast.js';

export interface NeuronState {
  v: Vec;
  i: Vec;
  /** 1 where the neuron spiked in the previous step. */
  last: Uint8Array;
  refr: Int32Array;
  /** A target kernel's own words per neuron (NeuronKernel.stateWords), [word][neuron]. */
  extra: Int32Array;
}

/** Fresh state of a layer of n neurons (v, i = 0 as every exporter starts them). */
export function newNeuronState(n: number, integer: boolean, extraWords = 0): NeuronState {
  return {
    v: integer ? new Int32Array(n) : new Float64Array(n),
    i: integer ? new Int32Array(n) : new Float64Array(n),
    last: new Uint8Array(n),
    refr: new Int32Array(n),
    extra: new Int32Array(n * extraWords),
  };
}

/** The registers a target kernel sees (its u is the current register i). */
export function kernelState(st: NeuronState): KernelState {
  return { u: st.i as Int32Array, v: st.v as Int32Array, extra: st.extra };
}

/** Float step; writes spikes (or v for non-spiking neurons) to out, spike indices to ev. */
export function neuronFloat(
  op: NeuronFloatOp,
  st: NeuronState,
  x: Vec,
  out: Vec,
  ev: Int32Array,
  plan: Plan,
): number {
  const c = op.c;
  const { zero, sameStep, refractory } = plan.reset;
  const ge = plan.profile.compare === '>=';
  const v = st.v;
  let nev = 0;
  for (let j = 0; j < c.n; j++) {
    let drive = x[j]!;
    if (c.cuba) drive = st.i[j] = c.alpha[j]! * st.i[j]! + c.gainI[j]! * drive;
    if (st.refr[j]! > 0) {
      st.refr[j]!--;
      st.last[j] = 0;
      out[j] = c.spiking ? 0 : v[j]!;
      continue;
    }
    const spikedBefore = st.last[j] === 1;
    const base = spikedBefore && zero && !sameStep ? c.vReset[j]! : v[j]!;
    let vj = c.beta[j]! * base + c.gain[j]! * drive + c.bias[j]!;
    if (spikedBefore && !zero && !sameStep) vj -= c.vThreshold[j]!;
    if (!c.spiking) {
      v[j] = vj;
      out[j] = vj;
      continue;
    }
    const thr = c.vThreshold[j]!;
    const s = ge ? vj >= thr : vj > thr;
    if (s) {
      if (sameStep) vj = zero ? c.vReset[j]! : vj - thr;
      st.refr[j] = refractory;
      ev[nev++] = j;
    }
    v[j] = vj;
    st.last[j] = s ? 1 : 0;
    out[j] = s ? 1 : 0;
  }
  return nev;
}

/** x·β in integers by the profile's leak rule (decay: multiplier, or shift k with −1 = none). */
export function leakInt(x: number, decay: number, leak: LeakRule): number {
  if (leak.kind === 'shift') return decay < 0 ? x : x - shiftRound(x, decay, leak.rounding);
  return shiftRound(x * decay, leak.fractionBits, leak.rounding);
}

const ROUNDERS: Record<Rounding, (x: number) => number> = {
  'toward-zero': Math.trunc,
  floor: Math.floor,
  'nearest-even': (x) => roundBy(x, 'nearest-even'),
  'nearest-away': (x) => roundBy(x, 'nearest-away'),
  'nearest-up': (x) => Math.floor(x + 0.5),
};

/** leakInt specialised once per step call: the rounding and the power of two fixed in advance. */
function makeLeak(leak: LeakRule): (x: number, decay: number) => number {
  const rnd = ROUNDERS[leak.rounding];
  if (leak.kind === 'shift') return (x, k) => (k < 0 ? x : x - rnd(x / 2 ** k));
  const inv = 2 ** -leak.fractionBits;
  return (x, m) => rnd(x * m * inv);
}

/** Integer step: a target's own kernel, else the fast loop where exact, else the reference. */
export function neuronInt(
  op: NeuronIntOp,
  st: NeuronState,
  x: Vec,
  out: Vec,
  ev: Int32Array,
  plan: Plan,
  tally: Float64Array = new Float64Array(0),
  t = 0,
): number {
  const p: NumericProfile = plan.profile;
  if (p.neuronKernel && op.kernel) {
    const state = kernelState(st);
    const xi = x as Int32Array;
    return p.neuronKernel.step(op.kernel, state, xi, out as Int32Array, ev, tally, t);
  }
  const rules = fastRules(op, plan);
  if (rules === null) return neuronIntReference(op, st, x, out, ev, plan);
  const v = st.v as Int32Array;
  const i = st.i as Int32Array;
  return neuronIntFast(op, rules, v, i, st.last, st.refr, x as Int32Array, out as Int32Array, ev);
}

/** Integer step with the profile's widths, rounding, comparison and reset (readable form). */
export function neuronIntReference(
  op: NeuronIntOp,
  st: NeuronState,
  x: Vec,
  out: Vec,
  ev: Int32Array,
  plan: Plan,
): number {
  const p: NumericProfile = plan.profile;
  const { zero, sameStep, refractory } = plan.reset;
  const setOnNext = !sameStep && plan.reset.setOnNext === true;
  const ge = p.compare === '>=';
  const { min: sMin, max: sMax } = signedRange(p.state.bits);
  const fit = (y: number) =>
    y > sMax || y < sMin ? fitWidth(y, p.state.bits, p.state.overflow) : y;
  const leak = makeLeak(p.leak);
  const v = st.v;
  const n = v.length;
  let nev = 0;
  for (let j = 0; j < n; j++) {
    let drive = x[j]!;
    if (op.cuba) {
      drive = fitWidth(leak(st.i[j]!, op.iDecay[j]!) + drive, p.current.bits, p.current.overflow);
      st.i[j] = drive;
    }
    if (st.refr[j]! > 0) {
      st.refr[j]!--;
      st.last[j] = 0;
      out[j] = op.spiking ? 0 : v[j]!;
      continue;
    }
    const spikedBefore = st.last[j] === 1;
    const thr = op.thr[j]!;
    const base = spikedBefore && zero && !sameStep ? op.vReset[j]! : v[j]!;
    let vj = leak(base, op.vDecay[j]!) + drive + op.bias[j]!;
    if (spikedBefore && !zero && !sameStep) vj -= thr;
    if (spikedBefore && zero && setOnNext) vj = op.vReset[j]!;
    vj = fit(vj);
    if (!op.spiking) {
      v[j] = vj;
      out[j] = vj;
      continue;
    }
    const s = ge ? vj >= thr : vj > thr;
    if (s) {
      if (sameStep) vj = zero ? op.vReset[j]! : fit(vj - thr);
      st.refr[j] = refractory;
      ev[nev++] = j;
    }
    v[j] = vj;
    st.last[j] = s ? 1 : 0;
    out[j] = s ? 1 : 0;
  }
  return nev;
}
