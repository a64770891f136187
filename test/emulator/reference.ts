// A dense, gather-style reference of the emulator's semantics (docs/emulator.md), written
// plainly and independently of the event-driven kernels: every weight times every input, every
// conv output computed from its window, each neuron rule spelled out. Float or integer.
import type { IrModel, IrNode } from '../../src/ir/model.js';
import { toFloat64 } from '../../src/ir/tensor.js';
import type { EncodedSet } from '../../src/encoding/encoder.js';
import { orderedModel } from '../../src/emulator/plan.js';
import { windowOf } from '../../src/emulator/shapes.js';
import type { NumericProfile } from '../../src/quantize/profile.js';

export interface RefTrace {
  /** Per layer node name: per step, the output values (spikes 0/1 or graded). */
  out: Map<string, number[][]>;
  /** Per neuron node name: per step, the membrane after the step. */
  v: Map<string, number[][]>;
}

const NEURONS = ['LIF', 'IF', 'LI', 'I', 'CubaLIF', 'CubaLI'];

function vec(node: IrNode, key: string, n: number, fallback?: number): number[] {
  const p = node.params[key];
  if (p === undefined || typeof p === 'string') return new Array<number>(n).fill(fallback ?? NaN);
  const v = Array.from(toFloat64(p));
  return v.length === 1 ? new Array<number>(n).fill(v[0]!) : v;
}

function intVec(node: IrNode, id: string, key: string, n: number): number[] {
  const q = node.quantization!.find((x) => x.profile === id)!;
  const p = q.intParams[key];
  if (!p) return new Array<number>(n).fill(0);
  const v = Array.from(toFloat64(p));
  return v.length === 1 ? new Array<number>(n).fill(v[0]!) : v;
}

function roundEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  return d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
}

function rnd(x: number, mode: string): number {
  if (mode === 'floor') return Math.floor(x);
  if (mode === 'toward-zero') return Math.trunc(x);
  if (mode === 'nearest-away') return Math.sign(x) * Math.floor(Math.abs(x) + 0.5);
  if (mode === 'nearest-up') return Math.floor(x + 0.5);
  return roundEven(x);
}

function fit(x: number, bits: number, overflow: string): number {
  const half = 2 ** (bits - 1);
  if (x >= -half && x < half) return x;
  if (overflow === 'saturate') return x < 0 ? -half : half - 1;
  return ((((x + half) % (2 * half)) + 2 * half) % (2 * half)) - half;
}

/** Run one input through the model densely; returns every node's outputs and membranes. */
export function referenceRun(
  model: IrModel,
  p: NumericProfile,
  x: EncodedSet,
  sample: number,
): RefTrace {
  const { g, shapes } = orderedModel(model);
  const int = p.kind === 'integer';
  const disc = model.discretisation!;
  const zero = (p.reset.mode === 'model' ? disc.reset : p.reset.mode) === 'zero';
  const sameStep = p.reset.timing === 'model' ? zero : p.reset.timing === 'same-step';
  const size = (k: string) => shapes.get(k)!.reduce((a, b) => a * b, 1);
  const outs = new Map<string, number[][]>();
  const vs = new Map<string, number[][]>();
  const state = new Map<string, { v: number[]; i: number[]; last: number[]; refr: number[] }>();
  const D = p.synapticDelay;
  const queues = new Map<string, number[][]>();
  const leak = (v: number, m: number) =>
    p.leak.kind === 'shift'
      ? m < 0
        ? v
        : v - rnd(v / 2 ** m, p.leak.rounding)
      : rnd((v * m) / 2 ** (p.leak as { fractionBits: number }).fractionBits, p.leak.rounding);

  for (let t = 0; t < x.steps; t++) {
    for (const name of g.order) {
      const node = g.nodes.get(name)!;
      const n = size(name);
      const inputOf = (): number[] => {
        const ins = g.incoming.get(name)!;
        const acc = new Array<number>(ins.length ? size(ins[0]!.from) : n).fill(0);
        for (const e of ins) {
          const hist = outs.get(e.from) ?? [];
          const src = e.recurrent ? hist[t - 1] : hist[t];
          if (src) for (let j = 0; j < acc.length; j++) acc[j]! += src[j]!;
        }
        return acc;
      };
      let y: number[];
      if (node.type === 'Input') {
        const o = (sample * x.steps + t) * x.channels;
        const raw = Array.from(x.data.subarray(o, o + n));
        if (int) {
          const q = node.quantization!.find((z) => z.profile === p.id)!;
          const s = q.scales.input!;
          const sh = q.intParams.input_shift ? Array.from(toFloat64(q.intParams.input_shift)) : [];
          const eMax = q.intParams.input_exponent_max
            ? toFloat64(q.intParams.input_exponent_max)[0]!
            : 0;
          const qmax = 2 ** (p.input.bits - 1) - 1;
          // Channel c: a mantissa of input.bits at step s·2^d, entering as mantissa · 2^d; in
          // the exponent form the smallest e ≤ eMax whose mantissa fits.
          y = raw.map((v, c) => {
            if (eMax > 0) {
              for (let e = 0; e <= eMax; e++) {
                const m = roundEven(v / s / 2 ** e);
                if (Math.abs(m) <= qmax || e === eMax)
                  return fit(m, p.input.bits, 'saturate') * 2 ** e;
              }
            }
            const d = sh[c] ?? 0;
            return fit(roundEven(v / (s * 2 ** d)), p.input.bits, 'saturate') * 2 ** d;
          });
        } else y = raw;
      } else if (['Affine', 'Linear', 'Conv1d', 'Conv2d', 'Scale'].includes(node.type)) {
        const computed = synapse(node, name, inputOf(), n, shapes, g, int, p);
        // A synaptic delay of D steps: the value computed D steps ago (zeros at first).
        const queue = t === 0 ? [] : (queues.get(name) ?? []);
        queue.push(computed);
        queues.set(name, queue);
        y = D === 0 ? computed : t - D >= 0 ? queue[t - D]! : new Array<number>(n).fill(0);
      } else if (node.type === 'SumPool2d' || node.type === 'AvgPool2d') {
        const from = g.incoming.get(name)![0]!.from;
        const w = windowOf(name, node, shapes.get(from)!);
        const xin = inputOf();
        y = new Array<number>(n).fill(0);
        for (let c = 0; c < w.cOut; c++)
          for (let oy = 0; oy < w.hOut; oy++)
            for (let ox = 0; ox < w.wOut; ox++) {
              let s = 0;
              for (let ky = 0; ky < w.kh; ky++)
                for (let kx = 0; kx < w.kw; kx++) {
                  const iy = oy * w.stride[0] - w.pad[0] + ky;
                  const ix = ox * w.stride[1] - w.pad[1] + kx;
                  if (iy >= 0 && iy < w.hIn && ix >= 0 && ix < w.wIn)
                    s += xin[(c * w.hIn + iy) * w.wIn + ix]!;
                }
              y[(c * w.hOut + oy) * w.wOut + ox] =
                node.type === 'AvgPool2d' && !int ? s / (w.kh * w.kw) : s;
            }
      } else if (node.type === 'Delay') {
        const d = vec(node, 'delay', n).map((v) => Math.round(v / disc.dt));
        const from = g.incoming.get(name)![0]!;
        y = d.map((dj, j) => (t - dj >= 0 ? (outs.get(from.from)![t - dj]?.[j] ?? 0) : 0));
      } else if (node.type === 'Threshold') {
        const thr = int ? intVec(node, p.id, 'threshold', n) : vec(node, 'threshold', n);
        y = inputOf().map((v, j) => ((p.compare === '>=' ? v >= thr[j]! : v > thr[j]!) ? 1 : 0));
      } else if (NEURONS.includes(node.type)) {
        let st = state.get(name);
        if (!st || t === 0) {
          st = {
            v: new Array<number>(n).fill(0),
            i: new Array<number>(n).fill(0),
            last: new Array<number>(n).fill(0),
            refr: new Array<number>(n).fill(0),
          };
          state.set(name, st);
        }
        y = neuron(node, name, inputOf(), st, { int, p, zero, sameStep, leak, disc });
        const vh = vs.get(name) ?? [];
        if (t === 0) vh.length = 0;
        vh.push([...st.v]);
        vs.set(name, vh);
      } else {
        y = inputOf();
      }
      const hist = outs.get(name) ?? [];
      if (t === 0) hist.length = 0;
      hist[t] = y;
      outs.set(name, hist);
    }
  }
  return { out: outs, v: vs };
}

function synapse(
  node: IrNode,
  name: string,
  xin: number[],
  n: number,
  shapes: Map<string, number[]>,
  g: ReturnType<typeof orderedModel>['g'],
  int: boolean,
  p: NumericProfile,
): number[] {
  const q = int ? node.quantization!.find((z) => z.profile === p.id)! : undefined;
  const key = node.type === 'Scale' ? 'scale' : 'weight';
  const W = q
    ? Array.from(toFloat64(q.intParams[key]!))
    : Array.from(toFloat64(node.params[key] as never));
  const shift = q?.intParams.shift ? toFloat64(q.intParams.shift)[0]! : 0;
  let y: number[];
  if (node.type === 'Scale') {
    y = xin.map((v, j) => v * W[j]!);
  } else if (node.type === 'Affine' || node.type === 'Linear') {
    const nIn = xin.length;
    y = new Array<number>(n).fill(0);
    for (let j = 0; j < n; j++) for (let i = 0; i < nIn; i++) y[j]! += W[j * nIn + i]! * xin[i]!;
  } else {
    const from = g.incoming.get(name)!.find((e) => !e.recurrent)!.from;
    const w = windowOf(name, node, shapes.get(from)!);
    const cInG = w.cIn / w.groups;
    const cOutG = w.cOut / w.groups;
    y = new Array<number>(n).fill(0);
    for (let co = 0; co < w.cOut; co++)
      for (let oy = 0; oy < w.hOut; oy++)
        for (let ox = 0; ox < w.wOut; ox++) {
          let s = 0;
          const grp = Math.floor(co / cOutG);
          for (let ci = 0; ci < cInG; ci++)
            for (let ky = 0; ky < w.kh; ky++)
              for (let kx = 0; kx < w.kw; kx++) {
                const iy = oy * w.stride[0] - w.pad[0] + ky * w.dilation[0];
                const ix = ox * w.stride[1] - w.pad[1] + kx * w.dilation[1];
                if (iy < 0 || iy >= w.hIn || ix < 0 || ix >= w.wIn) continue;
                const c = grp * cInG + ci;
                s +=
                  W[((co * cInG + ci) * w.kh + ky) * w.kw + kx]! *
                  xin[(c * w.hIn + iy) * w.wIn + ix]!;
              }
          y[(co * w.hOut + oy) * w.wOut + ox] = s;
        }
  }
  const perChannel = n / (node.type === 'Affine' ? n : (shapes.get(name)![0] ?? n));
  if (int) {
    const bias = q!.intParams.bias ? Array.from(toFloat64(q!.intParams.bias)) : undefined;
    return y.map((v, j) => {
      const s = shift > 0 ? rnd(v / 2 ** shift, p.weight.shiftRounding) : v * 2 ** -shift;
      const y = s + (bias ? bias[Math.floor(j / perChannel)]! : 0);
      // The shifted sum sits in a 32-bit register: saturating with the state, else wrapping.
      const top = 2 ** 31 - 1;
      return p.state.overflow === 'saturate'
        ? Math.min(top, Math.max(-top - 1, y))
        : fit(y, 32, 'wrap');
    });
  }
  const b = node.params.bias;
  if (!b || typeof b === 'string' || node.type === 'Linear' || node.type === 'Scale') return y;
  const bv = Array.from(toFloat64(b));
  return y.map((v, j) => v + bv[Math.floor(j / perChannel)]!);
}

function stepOf(disc: NonNullable<IrModel['discretisation']>, tau: number): number {
  return disc.integrator === 'exact' ? 1 - Math.exp(-disc.dt / tau) : disc.dt / tau;
}

interface NeuronCtx {
  int: boolean;
  p: NumericProfile;
  zero: boolean;
  sameStep: boolean;
  leak: (v: number, m: number) => number;
  disc: NonNullable<IrModel['discretisation']>;
}

function neuron(
  node: IrNode,
  name: string,
  S: number[],
  st: { v: number[]; i: number[]; last: number[]; refr: number[] },
  c: NeuronCtx,
): number[] {
  const n = S.length;
  const spiking = ['LIF', 'IF', 'CubaLIF'].includes(node.type);
  const cuba = node.type.startsWith('Cuba');
  const id = c.p.id;
  const thr = spiking
    ? c.int
      ? intVec(node, id, 'v_threshold', n)
      : vec(node, 'v_threshold', n)
    : [];
  const vReset = c.int ? intVec(node, id, 'v_reset', n) : vec(node, 'v_reset', n, 0);
  const y = new Array<number>(n).fill(0);
  for (let j = 0; j < n; j++) {
    let drive = S[j]!;
    if (cuba) {
      if (c.int)
        st.i[j] = fit(
          c.leak(st.i[j]!, intVec(node, id, 'i_decay', n)[j]!) + drive,
          c.p.current.bits,
          c.p.current.overflow,
        );
      else {
        const a = stepOf(c.disc, vec(node, 'tau_syn', n)[j]!);
        st.i[j] = (1 - a) * st.i[j]! + a * vec(node, 'w_in', n, 1)[j]! * drive;
      }
      drive = st.i[j]!;
    }
    if (st.refr[j]! > 0) {
      st.refr[j]!--;
      st.last[j] = 0;
      y[j] = spiking ? 0 : st.v[j]!;
      continue;
    }
    const base = st.last[j] && c.zero && !c.sameStep ? vReset[j]! : st.v[j]!;
    let v: number;
    if (c.int) {
      v =
        c.leak(base, intVec(node, id, 'v_decay', n)[j]!) + drive + intVec(node, id, 'bias', n)[j]!;
    } else {
      const r = vec(node, 'r', n, 1)[j]!;
      const integrate = node.type === 'IF' || node.type === 'I';
      const a = integrate ? 0 : stepOf(c.disc, vec(node, cuba ? 'tau_mem' : 'tau', n)[j]!);
      const gain = integrate ? c.disc.dt * r : a * r;
      v = (1 - a) * base + gain * drive + a * vec(node, 'v_leak', n, 0)[j]!;
    }
    if (st.last[j] && !c.zero && !c.sameStep) v -= thr[j]!;
    if (c.int) v = fit(v, c.p.state.bits, c.p.state.overflow);
    if (!spiking) {
      st.v[j] = v;
      y[j] = v;
      continue;
    }
    const s = c.p.compare === '>=' ? v >= thr[j]! : v > thr[j]!;
    if (s && c.sameStep)
      v = c.zero
        ? vReset[j]!
        : c.int
          ? fit(v - thr[j]!, c.p.state.bits, c.p.state.overflow)
          : v - thr[j]!;
    if (s) st.refr[j] = c.p.reset.refractorySteps;
    st.v[j] = v;
    st.last[j] = s ? 1 : 0;
    y[j] = s ? 1 : 0;
  }
  void name;
  return y;
}
