// The shared front half of compile and emulate: options → mapping → host quantisation →
// placement, with every refusal the target makes raised before anything runs or is written.
import type { IrModel } from '../../src/ir/model.js';
import { DynalignError } from '../../src/util/errors.js';
import type { EncodedSet } from '../../src/encoding/encoder.js';
import { mapChain, type MappedChain } from './mapping/map-chain.js';
import { chooseVoltageScale } from './mapping/v-scale.js';
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

/** Delays beyond the ring buffer need delay-extension cores, which are not modelled (§1.7). */
function checkDelays(mapped: MappedChain, quantised: QuantisedNetwork, o: SpinnakerOptions): void {
  quantised.rings.forEach((ring, p) => {
    if (!ring.needsExtension) return;
    const pop = mapped.network.populations[p]!;
    const maxMs = ring.maxOnCoreDelay * o.timestep;
    const perCore = Math.min(o.neuronsPerCore, pop.size);
    throw new DynalignError(
      'E_SPINNAKER_DELAY',
      'delay needs delay-extension cores, not modelled',
      {
        field: `--delay (into ${pop.label})`,
        value: o.delay,
        fix:
          `keep delays ≤ ${ring.maxOnCoreDelay} ticks (${maxMs} ms) with ${perCore} neurons per ` +
          'core, or lower --neurons-per-core to free ring-buffer bits',
      },
    );
  });
}

/** One line per projection on what 16 bits do to it, and one on the placement. */
function reportNotes(prep: Omit<Prepared, 'notes'>): string[] {
  const notes = prep.quantised.projections.map((q) => {
    const clipped = q.clippedDelays > 0 ? `, ${q.clippedDelays} delays raised to one tick` : '';
    const zeros = `${q.zeroed} of ${q.synapses} weights round to 0`;
    return `${q.label}: shift ${q.shift} (LSB ${q.lsbNa} nA), ${zeros}${clipped}`;
  });
  const pl = prep.placement;
  const sdramMb = Math.max(...pl.sdramBytesPerChip) / 2 ** 20;
  const ringBits = Math.max(...pl.rings.map((r) => r.bits));
  notes.push(
    `placement: ${pl.coresUsed} cores on ${pl.chipsUsed} chip(s) of ${pl.chipsAvailable}, ` +
      `${prep.options.neuronsPerCore} neurons per core; synaptic matrices ≤ ` +
      `${sdramMb.toFixed(2)} MB per chip (of 128); ring buffers ≤ ${ringBits} of 14 bits`,
  );
  return notes;
}

/** Map with the given voltage scale, or with the one `auto` picks from the inputs. */
function mapScaled(model: IrModel, options: SpinnakerOptions, inputs?: EncodedSet): MappedChain {
  const unit = mapChain(model, options);
  if (options.vScale !== 'auto') return unit;
  const s = chooseVoltageScale(unit, inputs);
  if (s === 1) return unit;
  const mapped = mapChain(model, options, s);
  mapped.notes.push(
    `--v-scale auto: ${s} mV per model unit in ${mapped.chain.layers[0]!.neuronName} keeps ` +
      'alpha = I·R of its input currents inside s16.15; the other layers use 1',
  );
  return mapped;
}

/**
 * Map, quantise and place a model for SpiNNaker; throws DynalignError (exit 2) if it cannot.
 * `inputs` lets `--v-scale auto` size the voltage scale to the currents they drive.
 */
export function prepare(
  model: IrModel,
  raw?: Record<string, string | number | boolean>,
  inputs?: EncodedSet,
): Prepared {
  const options = parseOptions(raw);
  const mapped = mapScaled(model, options, inputs);
  const quantised = quantiseNetwork(mapped.network, options.neuronsPerCore);
  checkDelays(mapped, quantised, options);
  const placement = placeNetwork(
    quantised.network,
    quantised.rings,
    options.neuronsPerCore,
    options.boards,
  );
  const base = { options, mapped, quantised, placement };
  return { ...base, notes: [...mapped.notes, ...reportNotes(base)] };
}

/** Refuse a network whose weights mostly vanish in 16 bits (compile's bad-input rule). */
export function checkZeroedWeights(prep: Prepared): void {
  for (const q of prep.quantised.projections) {
    if (q.zeroedShare <= prep.options.maxZeroedShare) continue;
    const share = `${(q.zeroedShare * 100).toFixed(1)} %`;
    const accept = Math.ceil(q.zeroedShare * 100) / 100;
    throw new DynalignError('E_SPINNAKER_WEIGHTS', 'too many weights round to zero in 16 bits', {
      field: q.label,
      value: `${share} of ${q.synapses} (shift ${q.shift}, LSB ${q.lsbNa} nA)`,
      fix:
        'the largest weight × fan-in sets the shift (docs §6.2); retrain with a narrower ' +
        `weight range, or accept it with --max-zeroed-share ${accept}`,
    });
  }
}
