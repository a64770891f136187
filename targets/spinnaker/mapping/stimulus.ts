// Host side of the analog first layer: the per-tick currents of one StepCurrentSource per
// first-layer neuron, or the first layer run on the host and its spikes sent in by a
// SpikeSourceArray (issue: "computed on the host").
import type { EncodedSet } from '../../../src/encoding/encoder.js';
import { DynalignError } from '../../../src/util/errors.js';
import type { Stimulus } from '../network/types.js';
import { encodeS1615, S1615_ONE } from '../profile/s1615.js';
import type { MappedChain } from './map-chain.js';
import { affine, newLayerState, stepLayer } from './model-reference.js';

/** Check that an encoded set fits the model's first layer. */
export function checkInputs(mapped: MappedChain, set: EncodedSet, file?: string): void {
  const nIn = mapped.chain.nInputs;
  if (set.channels !== nIn) {
    throw new DynalignError('E_INPUT_WIDTH', 'input width does not match the first layer', {
      file,
      field: 'channels',
      value: set.channels,
      fix: `give inputs with ${nIn} channels per step`,
    });
  }
}

/** One inference's drive, in nA (currents) or as host spikes per tick. */
export function stimulusOf(mapped: MappedChain, set: EncodedSet, sample: number): Stimulus {
  const layer0 = mapped.chain.layers[0]!;
  const steps = set.steps;
  const a = new Float64Array(layer0.nOut);
  const frame = (t: number) =>
    set.data.subarray((sample * steps + t) * set.channels, (sample * steps + t + 1) * set.channels);

  // Spikes mode: the first layer runs here, in the model's own float semantics.
  if (mapped.firstOnChip === 1) {
    const st = newLayerState(layer0.nOut);
    const s = new Float64Array(layer0.nOut);
    const sourceSpikes: Int32Array[] = [];
    for (let t = 0; t < steps; t++) {
      stepLayer(layer0, mapped.chain.reset, st, affine(layer0, frame(t), a), s);
      const fired: number[] = [];
      s.forEach((v, j) => v && fired.push(j));
      sourceSpikes.push(Int32Array.from(fired));
    }
    return { sourceSpikes };
  }

  // Current mode: I_j = scale_j · (W x + b)_j, snapped to s16.15 as the host would encode it.
  const currents = new Float64Array(steps * layer0.nOut);
  for (let t = 0; t < steps; t++) {
    affine(layer0, frame(t), a);
    for (let j = 0; j < layer0.nOut; j++) {
      const nA = mapped.currentScale[j]! * a[j]!;
      // The chip computes alpha = I·R in s16.15; past the limit it wraps silently (docs §1.1).
      if (!(Math.abs(nA) <= mapped.currentLimit[j]!)) {
        throw new DynalignError(
          'E_SPINNAKER_RANGE',
          'input current × R overflows s16.15 on the chip',
          {
            field: `inputs[${sample}][${t}] → ${layer0.neuronName}[${j}]`,
            value: nA,
            fix: `keep |I| ≤ ${mapped.currentLimit[j]!.toFixed(1)} nA: lower --v-scale`,
          },
        );
      }
      currents[t * layer0.nOut + j] = encodeS1615(nA) / S1615_ONE;
    }
  }
  return { currents };
}

/** The same stimulus with currents as raw s16.15 bits, for the bit-exact engine. */
export function toFixedStimulus(stim: Stimulus): Stimulus {
  if (!stim.currents) return stim;
  return { currents: Float64Array.from(stim.currents, (x) => Math.round(x * S1615_ONE)) };
}
