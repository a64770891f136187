// The float reference of the same network: sPyNNaker's per-tick order and closed-form LIF
// (docs/spinnaker.md §1.4) in float64 with exact exponentials, no ring-buffer limits.
import type { PopulationEngine, ProjectionRows } from './engine.js';
import type { SpinnPopulation } from './types.js';

/** Float64 engine of one population, parameters taken as the PyNN script passes them. */
export class FloatPopulationEngine implements PopulationEngine {
  readonly size: number;
  readonly saturations = new Float64Array(2);
  private readonly pop: SpinnPopulation;
  private readonly v: Float64Array;
  private readonly isyn: [Float64Array, Float64Array];
  private readonly refract: Int32Array;
  private readonly ring: Float64Array;
  private readonly slots: number;
  private readonly r: Float64Array;
  private readonly expTc: Float64Array;
  private readonly tRefract: Int32Array;
  private readonly synDecay: [Float64Array, Float64Array];
  private readonly synInit: [Float64Array, Float64Array];
  private readonly isDelta: boolean;
  private readonly dt: number;

  constructor(pop: SpinnPopulation, timestepMs: number, slots: number) {
    const n = pop.size;
    const p = pop.params;
    this.pop = pop;
    this.size = n;
    this.dt = timestepMs;
    this.slots = slots;
    this.isDelta = pop.cell === 'IF_curr_delta';
    this.v = new Float64Array(n);
    this.isyn = [new Float64Array(n), new Float64Array(n)];
    this.refract = new Int32Array(n);
    this.ring = new Float64Array(slots * 2 * n);

    // R = tau_m/cm, exp_TC = e^(−dt/tau_m), T_refract = ceil(tau_refrac/dt) (docs §1.3).
    this.r = p.tau_m.map((tau, i) => tau / p.cm[i]!);
    this.expTc = p.tau_m.map((tau) => Math.exp(-timestepMs / tau));
    this.tRefract = Int32Array.from(p.tau_refrac, (t) => Math.ceil(t / timestepMs - 1e-12));
    const syn = (tau: Float64Array | undefined) => {
      const decay = (tau ?? new Float64Array(n).fill(1)).map((t) => Math.exp(-timestepMs / t));
      const init = (tau ?? new Float64Array(n).fill(1)).map(
        (t, i) => (t / timestepMs) * (1 - decay[i]!),
      );
      return { decay, init };
    };
    const e = syn(p.tau_syn_E);
    const h = syn(p.tau_syn_I);
    this.synDecay = [e.decay, h.decay];
    this.synInit = [e.init, h.init];
    this.reset();
  }

  reset(): void {
    this.v.set(this.pop.params.v_init);
    this.isyn[0].fill(0);
    this.isyn[1].fill(0);
    this.refract.fill(0);
    this.ring.fill(0);
  }

  transfer(t: number): void {
    const n = this.size;
    const slot = t % this.slots;
    for (let type = 0; type < 2; type++) {
      const base = (slot * 2 + type) * n;
      const isyn = this.isyn[type]!;
      const init = this.synInit[type]!;
      for (let i = 0; i < n; i++) {
        const w = this.ring[base + i]!;
        if (w === 0) continue;
        isyn[i]! += this.isDelta ? w : w * init[i]!;
        this.ring[base + i] = 0;
      }
    }
  }

  update(current: ArrayLike<number> | undefined, biasOn: boolean, out: Int32Array): number {
    const p = this.pop.params;
    const v = this.v;
    const [exc, inh] = this.isyn;
    let nSpikes = 0;
    for (let i = 0; i < this.size; i++) {
      const scale = this.isDelta ? 1 / this.dt : 1;
      if (this.refract[i]! <= 0) {
        const bias = biasOn ? this.pop.bias[i]! : 0;
        const offset = p.i_offset[i]! + bias + (current ? current[i]! : 0);
        const input = (exc[i]! - inh[i]!) * scale + offset;
        const alpha = input * this.r[i]! + p.v_rest[i]!;
        v[i] = alpha - this.expTc[i]! * (alpha - v[i]!);
      } else {
        this.refract[i]! -= 1;
      }
      if (v[i]! >= p.v_thresh[i]!) {
        v[i] = p.v_reset[i]!;
        this.refract[i] = this.tRefract[i]!;
        out[nSpikes++] = i;
      }
    }
    for (let type = 0; type < 2; type++) {
      const isyn = this.isyn[type]!;
      const decay = this.synDecay[type]!;
      for (let i = 0; i < this.size; i++) isyn[i] = this.isDelta ? 0 : isyn[i]! * decay[i]!;
    }
    return nSpikes;
  }

  deliver(t: number, rows: ProjectionRows, pre: number): void {
    const n = this.size;
    const end = rows.rowPtr[pre + 1]!;
    for (let k = rows.rowPtr[pre]!; k < end; k++) {
      const slot = (t + rows.delayTicks[k]!) % this.slots;
      this.ring[(slot * 2 + rows.type) * n + rows.postIndex[k]!]! += rows.weight[k]!;
    }
  }

  voltage(i: number): number {
    return this.v[i]!;
  }
}
