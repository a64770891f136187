// Runs one input at a time through a plan, step by step, on typed arrays. Every node's output is a
// dense vector plus, where a consumer is event-driven, the list of its non-zero entries.
import type { LayerStepCounts } from '../quantize/profile.js';
import { DynalignError } from '../util/errors.js';
import {
  kernelState,
  newNeuronState,
  neuronFloat,
  neuronInt,
  type NeuronState,
} from './kernels/neuron.js';
import { ringStep } from './kernels/ring.js';
import { convEvents, denseEvents, finishInt, poolEvents } from './kernels/synapse.js';
import { readFrame } from './kernels/input.js';
import type { Plan, Vec } from './plan-types.js';
import { newCounters, type Counters } from './counters.js';
import { needEvents, scan } from './events.js';
import { delayInto, scaleInto, thresholdInto } from './kernels/elementwise.js';

export { newCounters, type Counters };

/** Optional observers of a run (AER spike records, state traces). */
export interface Sink {
  spikes?(step: number, layer: number, ev: Int32Array, nev: number): void;
  state?(step: number, layer: number, v: Vec, i: Vec): void;
  /** The Output node's values this step. */
  output?(step: number, v: Vec): void;
  /** The input of synaptic node k this step (used by the quantiser's calibration). */
  input?(k: number, x: Vec, ev: Int32Array, nev: number): void;
}

const SYNAPTIC = new Set(['dense', 'conv', 'scale']);
const NO_TALLY = new Float64Array(0);

/** Runs inputs one at a time through one plan, reusing its buffers between inputs. */
export class Runner {
  readonly plan: Plan;
  readonly counters: Counters;
  private readonly outs: Vec[];
  private readonly evs: Int32Array[];
  private readonly nevs: Int32Array;
  private readonly own: Vec[];
  private readonly ownEv: Int32Array[];
  private readonly prev: Array<{ v: Vec; ev: Int32Array; nev: number } | null>;
  private readonly rings: Vec[][];
  /** Synapse-stage memory of ring nodes: [slot][receptor][neuron]. */
  private readonly ringMem: Array<Int32Array | null>;
  private readonly needEv: boolean[];
  private readonly states: Array<NeuronState | null>;
  private readonly hist: Array<Vec | null>;
  private readonly step: LayerStepCounts[];
  private readonly scratch: Array<{ v: Vec; ev: Int32Array } | null>;
  private readonly alloc: (n: number) => Vec;

  constructor(plan: Plan) {
    this.plan = plan;
    const nodes = plan.nodes;
    this.alloc = (n) => (plan.integer ? new Int32Array(n) : new Float64Array(n));
    const kernel = plan.profile.neuronKernel;
    const receptors = plan.profile.synapseStage?.receptors ?? 0;
    this.counters = newCounters(plan.layers.length, kernel?.tallies?.length, receptors);
    // A ring node hands on receptors × neurons values.
    const width = (n: Plan['nodes'][number]) => (n.op.kind === 'ring' ? receptors : 1) * n.size;
    this.own = nodes.map((n) => this.alloc(width(n)));
    this.ownEv = nodes.map((n) => new Int32Array(width(n)));
    this.ringMem = nodes.map((n) =>
      n.op.kind === 'ring' ? new Int32Array(n.op.slots * width(n)) : null,
    );
    this.outs = [...this.own];
    this.evs = [...this.ownEv];
    this.nevs = new Int32Array(nodes.length);
    this.needEv = needEvents(plan);
    const D = plan.profile.synapticDelay;
    this.rings = nodes.map((n) =>
      SYNAPTIC.has(n.op.kind) && D > 0
        ? Array.from({ length: D + 1 }, () => this.alloc(n.size))
        : [],
    );
    const recurrentSrc = new Set(
      nodes.flatMap((n) => n.inputs.filter((e) => e.recurrent).map((e) => e.src)),
    );
    this.prev = nodes.map((n, k) =>
      recurrentSrc.has(k) ? { v: this.alloc(n.size), ev: new Int32Array(n.size), nev: 0 } : null,
    );
    this.states = nodes.map((n) =>
      n.op.kind === 'neuron-float' || n.op.kind === 'neuron-int'
        ? newNeuronState(n.size, plan.integer, kernel?.stateWords ?? 0)
        : null,
    );
    this.hist = nodes.map((n) =>
      n.op.kind === 'delay' ? this.alloc(n.size * (n.op.maxD + 1)) : null,
    );
    this.scratch = nodes.map((n) =>
      n.inputs.length > 1 ? { v: this.alloc(n.size), ev: new Int32Array(n.size) } : null,
    );
    this.step = plan.layers.map((l) => ({
      neurons: l.neurons,
      events: 0,
      synops: 0,
      macs: 0,
      spikes: 0,
      fanIn: 0,
      graded: false,
    }));
    for (const n of nodes) {
      const synaptic = SYNAPTIC.has(n.op.kind) || n.op.kind === 'ring';
      if (!synaptic || n.layer < 0 || n.inputs.length === 0) continue;
      const src = nodes[n.inputs[0]!.src]!;
      this.step[n.layer]!.fanIn += src.size;
      this.step[n.layer]!.graded ||= !src.spiking;
    }
  }

  /** Run one input of `steps` frames from `offset`; returns the output summed from step `from`. */
  runSample(
    frames: Float32Array,
    offset: number,
    steps: number,
    sink?: Sink,
    from = 0,
  ): Float64Array {
    this.reset();
    const outIdx = this.plan.output;
    const sum = new Float64Array(this.plan.nodes[outIdx]!.size);
    for (let t = 0; t < steps; t++) {
      this.runStep(frames, offset + t * this.plan.channels, t, sink);
      const o = this.outs[outIdx]!;
      if (t >= from) for (let j = 0; j < sum.length; j++) sum[j]! += o[j]!;
      sink?.output?.(t, o);
    }
    return sum;
  }

  private reset(): void {
    const init = this.plan.profile.neuronKernel?.init;
    this.states.forEach((s, k) => {
      if (!s) return;
      s.v.fill(0);
      s.i.fill(0);
      s.last.fill(0);
      s.refr.fill(0);
      s.extra.fill(0);
      const op = this.plan.nodes[k]!.op;
      if (init && op.kind === 'neuron-int' && op.kernel) init(op.kernel, kernelState(s));
    });
    for (const m of this.ringMem) m?.fill(0);
    for (const p of this.prev) if (p) (p.v.fill(0), (p.nev = 0));
    for (const r of this.rings) for (const v of r) v.fill(0);
    for (const h of this.hist) h?.fill(0);
  }

  private runStep(frames: Float32Array, at: number, t: number, sink?: Sink): void {
    const { plan, step } = this;
    for (const s of step) s.events = s.synops = s.macs = s.spikes = 0;
    for (let k = 0; k < plan.nodes.length; k++) this.runNode(k, frames, at, t, sink);

    // Recurrent sources hand this step's output to the next step.
    this.prev.forEach((p, k) => {
      if (!p) return;
      p.v.set(this.outs[k]!);
      p.nev = this.nevs[k]!;
      p.ev.set(this.evs[k]!.subarray(0, p.nev));
    });
    if (plan.profile.cycles) this.counters.cycles += plan.profile.cycles(step);
  }

  private runNode(k: number, frames: Float32Array, at: number, t: number, sink?: Sink): void {
    const node = this.plan.nodes[k]!;
    const op = node.op;
    const c = this.counters;
    const L = node.layer;
    if (op.kind === 'input') {
      this.readInput(k, frames, at);
      return;
    }
    const [x, ev, nev, spikes] = this.gather(k);
    if (op.kind === 'pass') {
      this.outs[k] = x;
      this.evs[k] = ev;
      this.nevs[k] = nev;
      return;
    }
    const D = this.plan.profile.synapticDelay;
    const ring = this.rings[k]!;
    const out = ring.length > 0 ? ring[t % (D + 1)]! : this.own[k]!;
    this.outs[k] = ring.length > 0 ? ring[(t + 1) % (D + 1)]! : out;
    this.evs[k] = this.ownEv[k]!;
    let nOut = -1;
    let work = 0;
    if (op.kind === 'dense' || op.kind === 'conv') sink?.input?.(k, x, ev, nev);
    switch (op.kind) {
      case 'dense':
        work = denseEvents(op, x, ev, nev, spikes, out);
        break;
      case 'ring':
        work = ringStep(op, this.ringMem[k]!, t, ev, nev, out as Int32Array, this.sat(L, op));
        break;
      case 'conv':
        work = convEvents(op, x, ev, nev, out);
        break;
      case 'pool':
        work = poolEvents(op, x, ev, nev, out);
        break;
      case 'scale':
        work = scaleInto(this.plan, op.s, op.shift, x, out);
        break;
      case 'delay':
        delayInto(this.hist[k]!, op.d, op.maxD, x, out, t);
        break;
      case 'threshold':
        nOut = thresholdInto(this.plan.profile.compare === '>=', op.thr, x, out, this.ownEv[k]!);
        c.neuronUpdates[L]! += node.size;
        break;
      case 'neuron-float':
      case 'neuron-int': {
        const st = this.states[k]!;
        nOut =
          op.kind === 'neuron-float'
            ? neuronFloat(op, st, x, out, this.ownEv[k]!, this.plan)
            : neuronInt(op, st, x, out, this.ownEv[k]!, this.plan, this.tally(L), t);
        c.neuronUpdates[L]! += node.size;
        if (!node.spiking) nOut = -1;
        sink?.state?.(t, L, st.v, st.i);
        break;
      }
    }
    if (this.plan.integer && (op.kind === 'dense' || op.kind === 'conv')) {
      const perChannel = op.kind === 'conv' ? op.win.hOut * op.win.wOut : 1;
      const p = this.plan.profile;
      finishInt(
        out as Int32Array,
        p.accumulator,
        op.shift,
        p.weight.shiftRounding,
        op.bias,
        (p.sumOverflow ?? p.state.overflow) === 'saturate',
        perChannel,
      );
    }
    if (L >= 0 && work > 0) this.count(L, op.kind, spikes, work, nev, node.size);
    if (nOut >= 0) {
      this.nevs[k] = nOut;
      c.spikes[L]! += nOut;
      this.step[L]!.spikes += nOut;
      if (nOut > 0) sink?.spikes?.(t, L, this.ownEv[k]!, nOut);
    } else if (this.needEv[k]) {
      this.nevs[k] = scan(this.outs[k]!, this.ownEv[k]!);
    }
  }

  private count(
    L: number,
    kind: string,
    spikes: boolean,
    work: number,
    events: number,
    fanOut: number,
  ): void {
    const c = this.counters;
    const s = this.step[L]!;
    const lanes = this.plan.profile.weightLanes;
    s.events += events;
    if (spikes) ((c.synops[L]! += work), (s.synops += work));
    else ((c.macs[L]! += work), (s.macs += work));
    if (kind === 'dense' && lanes) c.weightReads[L]! += events * Math.ceil(fanOut / lanes);
    else if (kind !== 'pool') c.weightReads[L]! += work;
  }

  /** Layer L's slice of the kernel tallies (empty when the profile keeps none). */
  private tally(L: number): Float64Array {
    const t = this.counters.tallies;
    const per = this.plan.profile.neuronKernel?.tallies?.length ?? 0;
    return t ? t.subarray(L * per, (L + 1) * per) : NO_TALLY;
  }

  /** Layer L's saturation counts per receptor (a synapse stage's node). */
  private sat(L: number, op: { receptors: number }): Float64Array {
    const s = this.counters.saturations!;
    const r = op.receptors;
    return L < 0 ? new Float64Array(r) : s.subarray(L * r, (L + 1) * r);
  }

  /** The node's input: its one source (aliased), the previous step's value, or a sum. */
  private gather(k: number): [Vec, Int32Array, number, boolean] {
    const node = this.plan.nodes[k]!;
    const ins = node.inputs;
    if (ins.length === 1) {
      const e = ins[0]!;
      const spikes = this.plan.nodes[e.src]!.spiking;
      if (!e.recurrent) return [this.outs[e.src]!, this.evs[e.src]!, this.nevs[e.src]!, spikes];
      const p = this.prev[e.src]!;
      return [p.v, p.ev, p.nev, spikes];
    }
    const { v: acc, ev } = this.scratch[k]!;
    acc.fill(0);
    for (const e of ins) {
      const v = e.recurrent ? this.prev[e.src]!.v : this.outs[e.src]!;
      for (let j = 0; j < acc.length; j++) acc[j]! += v[j]!;
    }
    return [acc, ev, scan(acc, ev), false];
  }

  private readInput(k: number, frames: Float32Array, at: number): void {
    const op = this.plan.nodes[k]!.op;
    const out = this.own[k]!;
    if (op.kind !== 'input') return;
    readFrame(op, this.plan, frames, at, out);
    this.nevs[k] = scan(out, this.ownEv[k]!);
  }
}
