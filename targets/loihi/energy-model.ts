// Energy per inference on Loihi from the emulator's counts and the core mapping: synaptic ops,
// neuron updates (active or idle), spike messages routed over the mesh (within a tile, or tile
// hops east-west and north-south between the sending and each receiving core), plus static
// power over the inference's steps. Figures come from energy.json (Davies 2018 or SANA-FE).
import type { EnergyTable } from '../../src/energy/table.js';
import type { ChipLimits } from './chips.js';
import { type CoreMapping, hopsBetween } from './core-mapping.js';

export type EnergyModel = 'davies2018' | 'sana-fe';

/** Counts of one layer per inference, with spikes per neuron for routing. */
export interface LayerActivity {
  synops: number;
  macs: number;
  activeUpdates: number;
  idleUpdates: number;
  spikes: number;
  perNeuronSpikes: ArrayLike<number>;
}

export interface EnergyEstimate {
  model: EnergyModel;
  /** Joules per inference by part. */
  synaptic: number;
  neurons: number;
  routing: number;
  static: number;
  total: number;
  /** Spike messages and tile hops per inference. */
  messages: number;
  hops: number;
}

/** Energy of one inference; `steps` is the time steps one inference occupies the chip. */
export function estimateEnergy(
  table: EnergyTable,
  model: EnergyModel,
  chip: ChipLimits,
  mapping: CoreMapping,
  layers: LayerActivity[],
  steps: number,
): EnergyEstimate {
  const f = (name: string) => table.figures[name]!.value;
  const sana = model === 'sana-fe';
  const syn = sana ? f('sanafe_synapse') : f('synop');
  const active = sana ? f('sanafe_soma_active') : f('neuron_update_active');
  const idle = sana ? f('sanafe_soma_inactive') : f('neuron_update_inactive');
  const [ew, ns] = sana
    ? [f('sanafe_hop_east_west'), f('sanafe_hop_north_south')]
    : [f('tile_hop_east_west'), f('tile_hop_north_south')];
  const local = f('spike_within_tile');
  let synaptic = 0;
  let neurons = 0;
  let routing = 0;
  let messages = 0;
  let hops = 0;

  layers.forEach((l, k) => {
    synaptic += (l.synops + l.macs) * syn;
    neurons += l.activeUpdates * active + l.idleUpdates * idle;
    if (sana) routing += l.spikes * f('sanafe_axon_out');
    if (k + 1 >= layers.length) return;

    // Each spike goes once to every core of the next layer.
    const src = mapping.layers[k]!;
    const dst = mapping.layers[k + 1]!.cores;
    src.cores.forEach((core, c) => {
      const first = c * src.neuronsPerCore;
      let s = 0;
      for (let i = first; i < Math.min(first + src.neuronsPerCore, l.perNeuronSpikes.length); i++)
        s += l.perNeuronSpikes[i]!;
      for (const d of dst) {
        const h = hopsBetween(chip, core, d);
        messages += s;
        hops += s * (h.ew + h.ns);
        routing += s * (h.sameTile ? local : h.ew * ew + h.ns * ns);
      }
    });
  });
  const chips = Math.ceil(mapping.coresUsed / chip.cores);
  const stat = f('static_power_per_chip') * chips * steps * f('step_seconds');
  const total = synaptic + neurons + routing + stat;
  return { model, synaptic, neurons, routing, static: stat, total, messages, hops };
}
