// The shared front half of compile and emulate: options → mapping → host quantisation →
// placement, with every refusal the target makes raised before anything runs or is written.
import type { IrModel } from '../../src/ir/model.js';
import { DynalignError } from '../../src/util/errors.js';
import { mapChain, type MappedChain } from './mapping/map-chain.js';
import { parseOptions, type SpinnakerOptions } from './mapping/options.js';
import { quantiseNetwork, type QuantisedNetwork } from './profile/quantise.js';
import { placeNetwork, type Placement } from './placement.js';

export interface Prepared {
  options: SpinnakerOptions;
  mapped: MappedChain;
  quantised: QuantisedNetwork;
  placement: Placement;
  notes: string[];
}

/** Map, quantise and place a model for SpiNNaker; throws DynalignError (exit 2) if it cannot. */
export function prepare(model: IrModel, raw?: Record<string, string | number | boolean>): Prepared {
  const options = parseOptions(raw);
  const mapped = mapChain(model, options);
  const quantised = quantiseNetwork(mapped.network, options.neuronsPerCore);

  // Delays beyond the ring buffer need delay-extension cores, which are not modelled (§1.7).
  quantised.rings.forEach((ring, p) => {
    if (!ring.needsExtension) return;
    throw new DynalignError('E_SPINNAKER_DELAY', 'delay needs delay-extension cores, not modelled', {
      field: `--delay (into ${mapped.network.populations[p]!.label})`,
      value: options.delay,
      fix:
        `keep delays ≤ ${ring.maxOnCoreDelay} ticks (${ring.maxOnCoreDelay * options.timestep} ms) ` +
        `with ${Math.min(options.neuronsPerCore, mapped.network.populations[p]!.size)} neurons per core, ` +
        'or lower --neurons-per-core to free ring-buffer bits',
    });
  });
  const placement = placeNetwork(quantised.network, quantised.rings, options.neuronsPerCore, options.boards);
  const notes = [...mapped.notes];
  for (const q of quantised.projections) {
    notes.push(
      `${q.label}: shift ${q.shift} (LSB ${q.lsbNa} nA), ${q.zeroed} of ${q.synapses} weights round to 0` +
        (q.clippedDelays > 0 ? `, ${q.clippedDelays} delays raised to one tick` : ''),
    );
  }
  notes.push(
    `placement: ${placement.coresUsed} cores on ${placement.chipsUsed} chip(s) of ` +
      `${placement.chipsAvailable}, ${options.neuronsPerCore} neurons per core`,
  );
  return { options, mapped, quantised, placement, notes };
}

/** Refuse a network whose weights mostly vanish in 16 bits (compile's bad-input rule). */
export function checkZeroedWeights(prep: Prepared): void {
  for (const q of prep.quantised.projections) {
    if (q.zeroedShare <= prep.options.maxZeroedShare) continue;
    throw new DynalignError('E_SPINNAKER_WEIGHTS', 'too many weights round to zero in 16 bits', {
      field: q.label,
      value: `${(q.zeroedShare * 100).toFixed(1)} % of ${q.synapses} (shift ${q.shift}, LSB ${q.lsbNa} nA)`,
      fix:
        `the largest weight × fan-in sets the shift (docs §6.2); retrain with a narrower weight range, ` +
        `or accept it with --max-zeroed-share ${Math.min(1, Math.ceil(q.zeroedShare * 100) / 100)}`,
    });
  }
}
