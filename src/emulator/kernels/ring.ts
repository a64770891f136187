// One step of a synapse stage (profile.synapseStage): hand on and clear ring slot t, then add the
// rows of this step's input spikes into the slots their delays name, saturating at entryMax.
import type { RingOp } from '../plan-types.js';

/**
 * Slot t → out (receptor-major, each entry << its receptor's shift, int32 wrap), then each
 * event's row into slot (t + delay) mod slots; returns the synapses visited. A delay equal to
 * the ring's size lands in the slot just cleared, so one full turn later, as on SpiNNaker.
 * `saturated` counts additions clipped at entryMax, per receptor.
 */
export function ringStep(
  op: RingOp,
  ring: Int32Array,
  t: number,
  ev: Int32Array,
  nev: number,
  out: Int32Array,
  saturated: Float64Array,
): number {
  const n = op.nOut;
  const width = op.receptors * n;
  const mask = op.slots - 1;

  // Transfer: the slot's entries leave the ring before any of this step's spikes arrive.
  const base = (t & mask) * width;
  for (let r = 0; r < op.receptors; r++) {
    const shift = op.shift[r]!;
    const o = r * n;
    for (let j = 0; j < n; j++) {
      const w = ring[base + o + j]!;
      out[o + j] = w === 0 ? 0 : (w << shift) | 0;
    }
  }
  ring.fill(0, base, base + width);

  // Delivery: each spike's row into its delayed slots.
  let work = 0;
  for (let e = 0; e < nev; e++) {
    const i = ev[e]!;
    const end = op.rowPtr[i + 1]!;
    for (let k = op.rowPtr[i]!; k < end; k++) {
      const r = op.receptor[k]!;
      const idx = ((t + op.delay[k]!) & mask) * width + r * n + op.post[k]!;
      const sum = ring[idx]! + op.weight[k]!;
      if (sum > op.entryMax) {
        ring[idx] = op.entryMax;
        saturated[r]! += 1;
      } else ring[idx] = sum;
    }
    work += end - op.rowPtr[i]!;
  }
  return work;
}
