// The operation of one node in a plan: float64 values straight from the IR, or the integers the
// quantiser stored for the profile (the names are listed in docs/emulator.md).
import type { Discretisation, IrNode } from '../ir/model.js';
import { sizeOf, toFloat64 } from '../ir/tensor.js';
import type { NumericProfile, SynapseStage } from '../quantize/profile.js';
import { DynalignError } from '../util/errors.js';
import { isNeuronType, neuronCoeffs } from './coeffs.js';
import { intParam, numeric, perNeuron, quantOf } from './params.js';
import type { Op, Vec, Weights } from './plan-types.js';
import { windowOf } from './shapes.js';
import { paddedStride } from './wasm/arena.js';
import { ringOp } from './ring-op.js';

export interface OpContext {
  name: string;
  node: IrNode;
  inShape: number[];
  size: number;
  disc: Discretisation;
  profile: NumericProfile;
}

/** Build the op of a node in the profile's numeric form. */
export function opFor(ctx: OpContext): Op {
  const { node, name } = ctx;
  if (ctx.profile.kind === 'integer' && needsQuant(node.type) && !quantOf(node, ctx.profile.id)) {
    const have = (node.quantization ?? []).map((q) => q.profile);
    throw new DynalignError(
      'E_NOT_QUANTIZED',
      `node is not quantised for profile ${ctx.profile.id}`,
      {
        field: name,
        value: have.length ? have : 'float only',
        fix:
          `run \`dynalign quantize MODEL --target ${ctx.profile.name} --out Q.nirpb\` ` +
          'and emulate Q',
      },
    );
  }
  const integer = ctx.profile.kind === 'integer';
  switch (node.type) {
    case 'Input':
      return inputOp(ctx);
    case 'Output':
    case 'Flatten':
      return { kind: 'pass' };
    case 'Affine':
    case 'Linear':
      if (integer && ctx.profile.synapseStage) return ringOf(ctx, ctx.profile.synapseStage);
      return integer ? denseInt(ctx) : denseFloat(ctx);
    case 'Conv1d':
    case 'Conv2d':
      return convOp(ctx);
    case 'SumPool2d':
    case 'AvgPool2d': {
      const win = windowOf(name, node, ctx.inShape);
      const avg = node.type === 'AvgPool2d' && !integer;
      return { kind: 'pool', win, divide: avg ? win.kh * win.kw : 1 };
    }
    case 'Scale':
      return integer
        ? { kind: 'scale', s: intOf(ctx, 'scale', ctx.size), shift: shiftOf(ctx) }
        : { kind: 'scale', s: perNeuron(node, 'scale', name, ctx.size), shift: 0 };
    case 'Delay': {
      const d = Int32Array.from(perNeuron(node, 'delay', name, ctx.size), (x) =>
        Math.round(x / ctx.disc.dt),
      );
      return { kind: 'delay', d, maxD: d.reduce((a, b) => Math.max(a, b), 0) };
    }
    case 'Threshold':
      return {
        kind: 'threshold',
        thr: integer
          ? intOf(ctx, 'threshold', ctx.size)
          : perNeuron(node, 'threshold', name, ctx.size),
      };
    default:
      if (isNeuronType(node.type)) return integer ? neuronInt(ctx) : neuronFloat(ctx);
      throw new DynalignError('E_UNSUPPORTED', `the emulator cannot run ${node.type} nodes`, {
        field: name,
        value: node.type,
        fix:
          'supported: Input, Output, Affine, Linear, Scale, Conv1d, Conv2d, SumPool2d, ' +
          'AvgPool2d, Flatten, Delay, Threshold, I, IF, LI, LIF, CubaLI, CubaLIF',
      });
  }
}

function needsQuant(t: string): boolean {
  return (
    ['Affine', 'Linear', 'Conv1d', 'Conv2d', 'Scale', 'Threshold', 'Input'].includes(t) ||
    isNeuronType(t)
  );
}

function inputOp(ctx: OpContext): Op {
  if (ctx.profile.kind !== 'integer') {
    return { kind: 'input', scale: 1, bits: 64, shifts: null, exponentMax: 0 };
  }
  const q = quantOf(ctx.node, ctx.profile.id)!;
  const scale = q.scales.input;
  if (scale === undefined || !(scale > 0)) {
    throw new DynalignError('E_NOT_QUANTIZED', 'Input has no input scale', {
      field: `${ctx.name}.scales.input`,
      value: scale,
      fix: 're-run `dynalign quantize`',
    });
  }
  const shifts = q.intParams.input_shift ? intParam(q, 'input_shift', ctx.name, ctx.size) : null;
  const eMax = q.intParams.input_exponent_max ? intParam(q, 'input_exponent_max', ctx.name)[0]! : 0;
  return { kind: 'input', scale, bits: ctx.profile.input.bits, shifts, exponentMax: eMax };
}

function intOf(ctx: OpContext, key: string, n?: number): Int32Array {
  return intParam(quantOf(ctx.node, ctx.profile.id)!, key, ctx.name, n);
}

function shiftOf(ctx: OpContext): number {
  const q = quantOf(ctx.node, ctx.profile.id)!;
  return q.intParams.shift ? intParam(q, 'shift', ctx.name)[0]! : 0;
}

/** Integer weights in the narrowest array the profile's width allows (of length n, if given). */
function narrow(v: Int32Array, bits: number, n?: number): Weights {
  if (n !== undefined)
    return bits <= 8 ? new Int8Array(n) : bits <= 16 ? new Int16Array(n) : new Int32Array(n);
  if (bits <= 8) return Int8Array.from(v);
  if (bits <= 16) return Int16Array.from(v);
  return v;
}

function transpose<T extends Weights>(
  w: ArrayLike<number>,
  nOut: number,
  nIn: number,
  out: T,
  stride = nOut,
): T {
  for (let j = 0; j < nOut; j++)
    for (let i = 0; i < nIn; i++) out[i * stride + j] = w[j * nIn + i]!;
  return out;
}

function denseFloat(ctx: OpContext): Op {
  const w = numeric(ctx.node, 'weight', ctx.name);
  const [nOut, nIn] = w.shape.slice(-2) as [number, number];
  const wt = transpose(toFloat64(w), nOut, nIn, new Float64Array(nIn * nOut));
  const bias = ctx.node.type === 'Affine' ? perNeuron(ctx.node, 'bias', ctx.name, nOut, 0) : null;
  return { kind: 'dense', nIn, nOut, stride: nOut, wt, bias, shift: 0 };
}

function denseInt(ctx: OpContext): Op {
  const q = quantOf(ctx.node, ctx.profile.id)!;
  const w = q.intParams.weight;
  if (!w || w.shape.length < 2) {
    throw new DynalignError('E_NOT_QUANTIZED', 'quantised weight missing or not 2-D', {
      field: `${ctx.name}.weight`,
    });
  }
  const [nOut, nIn] = w.shape.slice(-2) as [number, number];
  const flat = intParam(q, 'weight', ctx.name);
  const bits = ctx.profile.weight.bits;
  const stride = bits <= 8 ? paddedStride(nOut) : nOut;
  const wt = transpose(flat, nOut, nIn, narrow(new Int32Array(0), bits, nIn * stride), stride);
  const bias = q.intParams.bias ? intParam(q, 'bias', ctx.name, nOut) : null;
  return { kind: 'dense', nIn, nOut, stride, wt, bias, shift: shiftOf(ctx) };
}

/** A synaptic node as a synapse stage's connection list; the weight's shape gives its size. */
function ringOf(ctx: OpContext, stage: SynapseStage): Op {
  const [nOut, nIn] = numeric(ctx.node, 'weight', ctx.name).shape.slice(-2) as [number, number];
  return ringOp(quantOf(ctx.node, ctx.profile.id)!, ctx.name, nIn, nOut, stage);
}

function convOp(ctx: OpContext): Op {
  const win = windowOf(ctx.name, ctx.node, ctx.inShape);
  if (ctx.profile.kind === 'integer') {
    const q = quantOf(ctx.node, ctx.profile.id)!;
    const w = narrow(intParam(q, 'weight', ctx.name), ctx.profile.weight.bits);
    const bias = q.intParams.bias ? intParam(q, 'bias', ctx.name, win.cOut) : null;
    return { kind: 'conv', win, w, bias, shift: shiftOf(ctx) };
  }
  const w = toFloat64(numeric(ctx.node, 'weight', ctx.name));
  const bias: Vec | null = ctx.node.params.bias
    ? perNeuron(ctx.node, 'bias', ctx.name, win.cOut)
    : null;
  return { kind: 'conv', win, w, bias, shift: 0 };
}

function neuronFloat(ctx: OpContext): Op {
  return { kind: 'neuron-float', c: neuronCoeffs(ctx.node, ctx.name, ctx.size, ctx.disc) };
}

function neuronInt(ctx: OpContext): Op {
  const n = ctx.size;
  const t = ctx.node.type;
  const spiking = t === 'LIF' || t === 'IF' || t === 'CubaLIF';
  const cuba = t === 'CubaLIF' || t === 'CubaLI';
  const q = quantOf(ctx.node, ctx.profile.id)!;
  const zeros = new Int32Array(n);
  const kernel = ctx.profile.neuronKernel;
  if (kernel) {
    const params = Object.fromEntries(kernel.params.map((k) => [k, intParam(q, k, ctx.name, n)]));
    const z = { vDecay: zeros, iDecay: zeros, bias: zeros, thr: zeros, vReset: zeros };
    return { kind: 'neuron-int', spiking, cuba, ...z, kernel: params };
  }
  return {
    kind: 'neuron-int',
    spiking,
    cuba,
    vDecay: intParam(q, 'v_decay', ctx.name, n),
    iDecay: cuba ? intParam(q, 'i_decay', ctx.name, n) : zeros,
    bias: q.intParams.bias ? intParam(q, 'bias', ctx.name, n) : zeros,
    thr: spiking ? intParam(q, 'v_threshold', ctx.name, n) : zeros,
    vReset: q.intParams.v_reset ? intParam(q, 'v_reset', ctx.name, n) : zeros,
  };
}

/** Bytes an op keeps in typed arrays (weights and per-neuron parameters). */
export function opBytes(op: Op): number {
  const arrays = Object.values(op).filter((v): v is ArrayBufferView => ArrayBuffer.isView(v));
  const nested = op.kind === 'neuron-float' ? Object.values(op.c).filter(ArrayBuffer.isView) : [];
  return [...arrays, ...(nested as ArrayBufferView[])].reduce((a, v) => a + v.byteLength, 0);
}

/** Synapses an op holds (weights, or shared kernel taps times positions for convs). */
export function opSynapses(op: Op, size: number): number {
  if (op.kind === 'dense') return op.nIn * op.nOut;
  if (op.kind === 'ring') return op.post.length;
  if (op.kind === 'conv') return sizeOf([op.win.cIn / op.win.groups, op.win.kh, op.win.kw]) * size;
  return 0;
}
