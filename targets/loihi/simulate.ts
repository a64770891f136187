// Step a Loihi network in Lava's order (loihi.md §1.3): at time step t every Dense first sends
// what it accumulated at t − 1, every LIF integrates that and spikes, then every Dense
// accumulates the spikes (or input payloads) of step t for t + 1.
import { type LifParams, type LifState, makeLifState, type Overflow, stepLif } from './profile.js';
import { accumulate } from './dense.js';
import { type LoihiNetwork, type ResolvedConnection, resolveConnections } from './network.js';

/** Operation counts of one population, summed over the steps run. */
export interface PopulationCounts {
  spikes: number;
  /** Binary events into the population × fan-out of the Dense they cross. */
  synops: number;
  /** Graded events (non-zero payloads) × fan-out. */
  macs: number;
  neuronUpdates: number;
  /** Updates of neurons with input, state or bias (Davies' "active" compartments). */
  activeUpdates: number;
  /** u wraps and v saturations (the scale left the 24-bit state). */
  overflow: Overflow;
  /** Spikes per neuron. */
  perNeuron: Int32Array;
}

/** A running network: its state, the Dense buffers and the counts so far. */
export class Simulator {
  readonly net: LoihiNetwork;
  readonly conns: ResolvedConnection[];
  readonly state: LifState[];
  /** Spikes of each population at the last step. */
  readonly spikes: Uint8Array[];
  readonly counts: PopulationCounts[];
  /** Count a population's work at this step (its inference window); all true by default. */
  readonly active: boolean[];
  /** Count the events of the input port at this step. */
  inputActive = true;
  private buffers: Int32Array[];
  private next: Int32Array[];
  private aIn: Int32Array[];

  constructor(net: LoihiNetwork) {
    this.net = net;
    this.conns = resolveConnections(net);
    this.state = net.layers.map((l) => makeLifState(l.n));
    this.spikes = net.layers.map((l) => new Uint8Array(l.n));
    this.counts = net.layers.map((l) => ({
      spikes: 0,
      synops: 0,
      macs: 0,
      neuronUpdates: 0,
      activeUpdates: 0,
      overflow: { wraps: 0, clamps: 0 },
      perNeuron: new Int32Array(l.n),
    }));
    this.active = net.layers.map(() => true);
    this.buffers = this.conns.map((c) => new Int32Array(c.dense.nPost));
    this.next = this.conns.map((c) => new Int32Array(c.dense.nPost));
    this.aIn = net.layers.map((l) => new Int32Array(l.n));
  }

  /** Zero every u, v and Dense buffer (a fresh network; counts are kept). */
  resetState(): void {
    for (const s of this.state) {
      s.u.fill(0);
      s.v.fill(0);
    }
    for (const b of this.buffers) b.fill(0);
  }

  /** Run Lava time step t (from 1) with this step's input vector. */
  step(t: number, input: ArrayLike<number>): void {
    const layers = this.net.layers;

    // Populations: LIFReset zeroing, then a_in = Σ of the buffers sent this step (int32).
    for (let k = 0; k < layers.length; k++) {
      const l = layers[k]!;
      if (l.reset && t % l.reset.interval === l.reset.offset % l.reset.interval) {
        this.state[k]!.u.fill(0);
        this.state[k]!.v.fill(0);
      }
      const a = this.aIn[k]!;
      a.fill(0);
      this.conns.forEach((c, ci) => {
        if (c.post !== k) return;
        const b = this.buffers[ci]!;
        for (let i = 0; i < l.n; i++) a[i] = (a[i]! + b[i]!) | 0;
      });
      const busy = this.active[k] ? countBusy(l, this.state[k]!, a) : 0;
      const count = stepLif(l, this.state[k]!, a, this.spikes[k]!, this.counts[k]!.overflow);
      if (!this.active[k]) continue;
      const c = this.counts[k]!;
      c.spikes += count;
      c.neuronUpdates += l.n;
      c.activeUpdates += busy;
      if (count > 0) for (let i = 0; i < l.n; i++) c.perNeuron[i]! += this.spikes[k]![i]!;
    }

    // Dense accumulation of this step's events, sent at t + 1.
    this.conns.forEach((c, ci) => {
      const src = c.pre < 0 ? input : this.spikes[c.pre]!;
      const events = accumulate(c.dense, src, this.next[ci]!);
      if (!(c.pre < 0 ? this.inputActive : this.active[c.pre])) return;
      const counts = this.counts[c.post]!;
      if (c.dense.graded) counts.macs += events * c.dense.nPost;
      else counts.synops += events * c.dense.nPost;
    });
    [this.buffers, this.next] = [this.next, this.buffers];
  }
}

/** Neurons that have input, state or bias this step: the ones Loihi updates as active. */
function countBusy(l: LifParams, s: LifState, a: Int32Array): number {
  let busy = 0;
  for (let i = 0; i < l.n; i++) {
    if (a[i] !== 0 || s.u[i] !== 0 || s.v[i] !== 0 || l.biasMant[i] !== 0) busy++;
  }
  return busy;
}
