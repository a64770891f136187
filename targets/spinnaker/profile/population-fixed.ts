// One sPyNNaker LIF population tick by tick in s16.15, bit for bit (docs/spinnaker.md §1.4–§1.6).
import type { PopulationEngine, ProjectionRows } from '../network/engine.js';
import type { FixedPopulation } from '../network/types.js';
import { decayS1615, mulk, mulkUnwrapped, S1615_ONE, wraps } from './s1615.js';

/** A ring-buffer entry is uint16; adding past 0xFFFF saturates and is counted (docs §1.6). */
export const RING_ENTRY_MAX = 0xffff;

/** The bit-exact engine of one population. */
export class FixedPopulationEngine implements PopulationEngine {
  readonly size: number;
  readonly saturations = new Float64Array(2);
  /** V updates whose alpha = I·R + v_rest or alpha − V wrapped past int32 (silent on chip). */
  overflows = 0;
  private readonly p: FixedPopulation;
  private readonly v: Int32Array;
  private readonly isyn: [Int32Array, Int32Array];
  private readonly refract: Int32Array;
  private readonly ring: Uint16Array;
  private readonly mask: number;
  private readonly isDelta: boolean;

  constructor(p: FixedPopulation) {
    this.p = p;
    this.size = p.size;
    this.v = new Int32Array(p.size);
    this.isyn = [new Int32Array(p.size), new Int32Array(p.size)];
    this.refract = new Int32Array(p.size);
    this.ring = new Uint16Array(p.ringSlots * 2 * p.size);
    this.mask = p.ringSlots - 1;
    this.isDelta = p.cell === 'IF_curr_delta';
    this.reset();
  }

  /** Initial state: V = v_init, no synaptic input, not refractory, empty ring. */
  reset(): void {
    this.v.set(this.p.vInit);
    this.isyn[0].fill(0);
    this.isyn[1].fill(0);
    this.refract.fill(0);
    this.ring.fill(0);
    this.saturations.fill(0);
    this.overflows = 0;
  }

  /** Ring value << shift, read as s16.15, added to the synaptic state; slot cleared (§1.4.1). */
  transfer(t: number): void {
    const n = this.size;
    const slot = t & this.mask;
    for (let type = 0; type < 2; type++) {
      const base = (slot * 2 + type) * n;
      const shift = this.p.shifts[type]!;
      const isyn = this.isyn[type]!;
      const init = this.p.synInit[type]!;
      for (let i = 0; i < n; i++) {
        const w = this.ring[base + i]!;
        if (w === 0) continue;
        const input = (w << shift) | 0;
        // Exponential synapse: isyn += decay_s1615(in, init); delta: isyn += in (§1.5).
        isyn[i] = this.isDelta
          ? (isyn[i]! + input) | 0
          : (isyn[i]! + decayS1615(input, init[i]!)) | 0;
        this.ring[base + i] = 0;
      }
    }
  }

  /** V update, threshold V >= v_thresh, reset to v_reset with refractory count, shaping (§1.4). */
  update(current: ArrayLike<number> | undefined, biasOn: boolean, out: Int32Array): number {
    const p = this.p;
    const v = this.v;
    const [exc, inh] = this.isyn;
    let nSpikes = 0;
    for (let i = 0; i < this.size; i++) {
      // Input type: current passes the state through; delta multiplies it by 1/dt (§1.4.2.2).
      const e = this.isDelta ? mulk(exc[i]!, p.deltaScale) : exc[i]!;
      const h = this.isDelta ? mulk(inh[i]!, p.deltaScale) : inh[i]!;
      if (this.refract[i]! <= 0) {
        // I = exc − inh + I_offset + current sources (the step source and the bias DCSource).
        const offset = p.iOffset[i]! + (biasOn ? p.bias[i]! : 0) + (current ? current[i]! : 0);
        const input = (e - h + offset) | 0;
        const alphaExact = mulkUnwrapped(input, p.r[i]!) + p.vRest[i]!;
        const alpha = alphaExact | 0;
        if (wraps(alphaExact) || wraps(alpha - v[i]!)) this.overflows++;
        v[i] = (alpha - mulk(p.expTc[i]!, (alpha - v[i]!) | 0)) | 0;
      } else {
        this.refract[i]! -= 1;
      }
      if (v[i]! >= p.vThresh[i]!) {
        v[i] = p.vReset[i]!;
        this.refract[i] = p.tRefract[i]!;
        out[nSpikes++] = i;
      }
    }
    this.shape();
    return nSpikes;
  }

  /** Step 5: exponential synapses decay by decay_s1615, delta synapses are cleared (§1.5). */
  private shape(): void {
    for (let type = 0; type < 2; type++) {
      const isyn = this.isyn[type]!;
      if (this.isDelta) {
        isyn.fill(0);
        continue;
      }
      const decay = this.p.synDecay[type]!;
      for (let i = 0; i < this.size; i++) isyn[i] = decayS1615(isyn[i]!, decay[i]!);
    }
  }

  /** Add one spike's 16-bit weights into slot (t + d), saturating at 0xFFFF (§1.6). */
  deliver(t: number, rows: ProjectionRows, pre: number): void {
    const n = this.size;
    const end = rows.rowPtr[pre + 1]!;
    for (let k = rows.rowPtr[pre]!; k < end; k++) {
      const slot = (t + rows.delayTicks[k]!) & this.mask;
      const idx = (slot * 2 + rows.type) * n + rows.postIndex[k]!;
      const sum = this.ring[idx]! + rows.w16[k]!;
      if (sum > RING_ENTRY_MAX) {
        this.ring[idx] = RING_ENTRY_MAX;
        this.saturations[rows.type]! += 1;
      } else {
        this.ring[idx] = sum;
      }
    }
  }

  /** V in mV. */
  voltage(i: number): number {
    return this.v[i]! / S1615_ONE;
  }

  /** Raw bits of V and of a receptor's synaptic state (traces and tests). */
  bits(i: number): { v: number; exc: number; inh: number } {
    return { v: this.v[i]!, exc: this.isyn[0][i]!, inh: this.isyn[1][i]! };
  }
}
