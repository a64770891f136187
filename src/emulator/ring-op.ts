// The plan's form of a synaptic node under a profile's synapse stage: its connection list
// (docs/emulator.md §1, `synapseStage`) sorted into rows by presynaptic neuron, checked so that
// every delay lands inside the ring and every receptor index exists.
import type { NodeQuantization } from '../ir/model.js';
import type { SynapseStage } from '../quantize/profile.js';
import { DynalignError } from '../util/errors.js';
import { intParam } from './params.js';
import type { RingOp } from './plan-types.js';

/** Build the ring op of a synaptic node with nIn inputs and nOut neurons. */
export function ringOp(
  q: NodeQuantization,
  name: string,
  nIn: number,
  nOut: number,
  stage: SynapseStage,
): RingOp {
  const pre = intParam(q, 'pre', name);
  const m = pre.length;
  const post = intParam(q, 'post', name, m);
  const weight = intParam(q, 'weight', name, m);
  const delay = intParam(q, 'delay', name, m);
  const receptor = intParam(q, 'receptor', name, m);
  const shift = intParam(q, 'shift', name, stage.receptors);
  const slots = intParam(q, 'slots', name, 1)[0]!;
  checkRing(name, slots, { pre, post, weight, delay, receptor, shift }, nIn, nOut, stage);

  // Rows by presynaptic neuron, each row in the list's order (the order of the ring additions).
  const rowPtr = new Int32Array(nIn + 1);
  for (let s = 0; s < m; s++) rowPtr[pre[s]! + 1]! += 1;
  for (let i = 0; i < nIn; i++) rowPtr[i + 1]! += rowPtr[i]!;
  const fill = rowPtr.slice(0, nIn);
  const order = new Int32Array(m);
  for (let s = 0; s < m; s++) order[fill[pre[s]!]!++] = s;
  const pick = (a: Int32Array) => Int32Array.from(order, (s) => a[s]!);
  return {
    kind: 'ring',
    nIn,
    nOut,
    receptors: stage.receptors,
    slots,
    shift,
    entryMax: stage.entryMax,
    rowPtr,
    post: pick(post),
    weight: pick(weight),
    delay: pick(delay),
    receptor: pick(receptor),
  };
}

type Lists = Record<'pre' | 'post' | 'weight' | 'delay' | 'receptor' | 'shift', Int32Array>;

function checkRing(
  name: string,
  slots: number,
  l: Lists,
  nIn: number,
  nOut: number,
  stage: SynapseStage,
): void {
  const bad = (field: string, value: unknown, fix: string) =>
    new DynalignError('E_GRAPH', 'synapse-stage connection list out of range', {
      field: `${name}.${field}`,
      value,
      fix,
    });
  if (!(slots >= 1 && (slots & (slots - 1)) === 0)) {
    throw bad('slots', slots, 'give a power of two of ring slots');
  }
  const within = (a: Int32Array, lo: number, hi: number, field: string, fix: string) => {
    const k = a.findIndex((x) => x < lo || x > hi);
    if (k >= 0) throw bad(`${field}[${k}]`, a[k], fix);
  };
  within(l.pre, 0, nIn - 1, 'pre', `presynaptic indices lie in [0, ${nIn - 1}]`);
  within(l.post, 0, nOut - 1, 'post', `postsynaptic indices lie in [0, ${nOut - 1}]`);
  within(l.weight, 0, stage.entryMax, 'weight', `weights lie in [0, ${stage.entryMax}]`);
  within(l.delay, 1, slots, 'delay', `delays lie in [1, ${slots}] steps (the ring's slots)`);
  const last = stage.receptors - 1;
  within(l.receptor, 0, last, 'receptor', `receptors are 0 … ${last}`);
  within(l.shift, 0, 31, 'shift', 'shifts lie in [0, 31]');
}
