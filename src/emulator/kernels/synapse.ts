// Event-driven synaptic kernels: work follows the input events (spikes or non-zero graded values),
// never neurons × fan-out. Each returns the synaptic operations it performed (events × fan-out).
import { fitWidth, shiftRound } from '../../quantize/arith.js';
import type { Register } from '../../quantize/profile.js';
import type { Rounding } from '../../quantize/arith.js';
import type { ConvOp, DenseOp, PoolOp, Vec } from '../plan-types.js';
import type { RowsArena } from '../wasm/arena.js';
import {
  addRowsF64,
  addRowsI16,
  addRowsI32,
  addRowsI8,
  addScaledRowsF64,
  addScaledRowsInt,
} from './dense-rows.js';
import { finishIntFast } from './finish-fast.js';

/**
 * Integer sum → state units: accumulator width, then the layer's power-of-two shift, then bias.
 * The result is held in a 32-bit register: it saturates when the state saturates, and wraps
 * (mod 2^32, which the state's own wrap then refines) when the state wraps.
 */
export function finishInt(
  out: Int32Array,
  acc: Register,
  shift: number,
  rounding: Rounding,
  bias: Vec | null,
  saturate: boolean,
  perChannel = 1,
): void {
  const wide = acc.bits < 32;
  if (!wide && shift === 0 && bias === null) return;
  const simple = !wide && perChannel === 1 && !(bias instanceof Float64Array);
  if (simple && finishIntFast(out, shift, rounding, bias, saturate)) return;
  finishIntReference(out, acc, shift, rounding, bias, saturate, perChannel);
}

/** finishInt one element at a time with the generic helpers (the readable form). */
export function finishIntReference(
  out: Int32Array,
  acc: Register,
  shift: number,
  rounding: Rounding,
  bias: Vec | null,
  saturate: boolean,
  perChannel = 1,
): void {
  const wide = acc.bits < 32;
  for (let j = 0; j < out.length; j++) {
    let x = wide ? fitWidth(out[j]!, acc.bits, acc.overflow) : out[j]!;
    if (shift !== 0) x = shiftRound(x, shift, rounding);
    if (bias !== null) x += bias[Math.floor(j / perChannel)]!;
    out[j] = saturate ? Math.min(INT32_MAX, Math.max(-INT32_MAX - 1, x)) : x;
  }
}

const INT32_MAX = 2 ** 31 - 1;

/** y = Wᵀ rows of the active inputs (+ bias for float; integer bias is added by finishInt). */
export function denseEvents(
  op: DenseOp,
  x: Vec,
  ev: Int32Array,
  nev: number,
  spikes: boolean,
  out: Vec,
): number {
  const { nOut, wt, stride } = op;
  // The SIMD path overwrites every output from its own accumulator; the others add into out.
  if (!op.wasm) out.fill(0);
  if (out instanceof Float64Array) {
    const w = wt as Float64Array;
    if (spikes) addRowsF64(out, w, ev, nev, stride);
    else addScaledRowsF64(out, w, x as Float64Array, ev, nev, stride);
    if (op.bias) for (let j = 0; j < nOut; j++) out[j]! += op.bias[j]!;
  } else if (op.wasm) {
    addRowsWasm(
      op.wasm.arena,
      op.wasm.ptr,
      ev,
      nev,
      stride,
      out,
      spikes ? null : (x as Int32Array),
    );
  } else if (!spikes) {
    addScaledRowsInt(
      out,
      wt as Int8Array | Int16Array | Int32Array,
      x as Int32Array,
      ev,
      nev,
      stride,
    );
  } else if (wt instanceof Int8Array) {
    addRowsI8(out, wt, ev, nev, stride);
  } else if (wt instanceof Int16Array) {
    addRowsI16(out, wt, ev, nev, stride);
  } else {
    addRowsI32(out, wt as Int32Array, ev, nev, stride);
  }
  return nev * nOut;
}

/** The SIMD path: events (and graded payloads) into the arena, rows summed there, sums out. */
function addRowsWasm(
  a: RowsArena,
  ptr: number,
  ev: Int32Array,
  nev: number,
  stride: number,
  out: Int32Array,
  x: Int32Array | null,
): void {
  const aev = a.ev;
  for (let e = 0; e < nev; e++) aev[e] = ev[e]!;
  a.acc.fill(0, 0, stride);
  if (x === null) a.addRows(a.accPtr, ptr, a.evPtr, nev, stride);
  else {
    for (let e = 0; e < nev; e++) a.vals[e] = x[ev[e]!]!;
    a.addScaledRows(a.accPtr, ptr, a.evPtr, a.valsPtr, nev, stride);
  }
  out.set(sumsView(a.acc, out.length));
}

// One view of the accumulator per output length, so no step allocates a subarray.
const sumsViews = new WeakMap<Int32Array, Int32Array[]>();

function sumsView(acc: Int32Array, n: number): Int32Array {
  let views = sumsViews.get(acc);
  if (!views) sumsViews.set(acc, (views = []));
  return (views[n] ??= acc.subarray(0, n));
}

/** Scatter each input event through the kernel taps that reach a valid output position. */
export function convEvents(op: ConvOp, x: Vec, ev: Int32Array, nev: number, out: Vec): number {
  const w = op.win;
  const planeIn = w.hIn * w.wIn;
  const planeOut = w.hOut * w.wOut;
  const cInG = w.cIn / w.groups;
  const cOutG = w.cOut / w.groups;
  const taps = w.kh * w.kw;
  let ops = 0;
  out.fill(0);
  for (let e = 0; e < nev; e++) {
    const i = ev[e]!;
    const v = x[i]!;
    const c = Math.floor(i / planeIn);
    const y = Math.floor((i % planeIn) / w.wIn);
    const xx = i % w.wIn;
    const g = Math.floor(c / cInG);
    const ci = c - g * cInG;
    for (let ky = 0; ky < w.kh; ky++) {
      const ny = y + w.pad[0] - ky * w.dilation[0];
      if (ny < 0 || ny % w.stride[0] !== 0) continue;
      const oy = ny / w.stride[0];
      if (oy >= w.hOut) continue;
      for (let kx = 0; kx < w.kw; kx++) {
        const nx = xx + w.pad[1] - kx * w.dilation[1];
        if (nx < 0 || nx % w.stride[1] !== 0) continue;
        const ox = nx / w.stride[1];
        if (ox >= w.wOut) continue;
        const tap = ky * w.kw + kx;
        for (let co = g * cOutG; co < (g + 1) * cOutG; co++) {
          out[co * planeOut + oy * w.wOut + ox]! += v * op.w[(co * cInG + ci) * taps + tap]!;
        }
        ops += cOutG;
      }
    }
  }
  if (out instanceof Float64Array && op.bias) {
    for (let j = 0; j < out.length; j++) out[j]! += op.bias[Math.floor(j / planeOut)]!;
  }
  return ops;
}

/** Sum pooling by scatter; float AvgPool divides the window sum by its area afterwards. */
export function poolEvents(op: PoolOp, x: Vec, ev: Int32Array, nev: number, out: Vec): number {
  const w = op.win;
  const planeIn = w.hIn * w.wIn;
  const planeOut = w.hOut * w.wOut;
  let ops = 0;
  out.fill(0);
  for (let e = 0; e < nev; e++) {
    const i = ev[e]!;
    const v = x[i]!;
    const c = Math.floor(i / planeIn);
    const y = Math.floor((i % planeIn) / w.wIn);
    const xx = i % w.wIn;
    for (let ky = 0; ky < w.kh; ky++) {
      const ny = y + w.pad[0] - ky;
      if (ny < 0 || ny % w.stride[0] !== 0 || ny / w.stride[0] >= w.hOut) continue;
      for (let kx = 0; kx < w.kw; kx++) {
        const nx = xx + w.pad[1] - kx;
        if (nx < 0 || nx % w.stride[1] !== 0 || nx / w.stride[1] >= w.wOut) continue;
        out[c * planeOut + (ny / w.stride[0]) * w.wOut + nx / w.stride[1]]! += v;
        ops++;
      }
    }
  }
  if (op.divide !== 1) for (let j = 0; j < out.length; j++) out[j]! /= op.divide;
  return ops;
}
