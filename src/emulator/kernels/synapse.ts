// Event-driven synaptic kernels: work follows the input events (spikes or non-zero graded values),
// never neurons × fan-out. Each returns the synaptic operations it performed (events × fan-out).
import { fitWidth, shiftRound } from '../../quantize/arith.js';
import type { Register } from '../../quantize/profile.js';
import type { Rounding } from '../../quantize/arith.js';
import type { ConvOp, DenseOp, PoolOp, Vec } from '../plan-types.js';

/** Integer sum → state units: accumulator width, then the layer's power-of-two shift, then bias. */
export function finishInt(
  out: Int32Array,
  acc: Register,
  shift: number,
  rounding: Rounding,
  bias: Vec | null,
  perChannel = 1,
): void {
  const wide = acc.bits < 32;
  if (!wide && shift === 0 && bias === null) return;
  for (let j = 0; j < out.length; j++) {
    let x = wide ? fitWidth(out[j]!, acc.bits, acc.overflow) : out[j]!;
    if (shift !== 0) x = shiftRound(x, shift, rounding);
    out[j] = bias === null ? x : x + bias[Math.floor(j / perChannel)]!;
  }
}

/** y = Wᵀ rows of the active inputs (+ bias for float; integer bias is added by finishInt). */
export function denseEvents(
  op: DenseOp,
  x: Vec,
  ev: Int32Array,
  nev: number,
  spikes: boolean,
  out: Vec,
): number {
  const { nOut, wt } = op;
  out.fill(0);
  if (spikes) {
    for (let e = 0; e < nev; e++) {
      const row = ev[e]! * nOut;
      for (let j = 0; j < nOut; j++) out[j]! += wt[row + j]!;
    }
  } else {
    for (let e = 0; e < nev; e++) {
      const i = ev[e]!;
      const v = x[i]!;
      const row = i * nOut;
      for (let j = 0; j < nOut; j++) out[j]! += v * wt[row + j]!;
    }
  }
  if (out instanceof Float64Array && op.bias) for (let j = 0; j < nOut; j++) out[j]! += op.bias[j]!;
  return nev * nOut;
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
