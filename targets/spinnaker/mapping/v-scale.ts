// `--v-scale auto`: mV per model unit, chosen so the largest first-layer current of the inputs
// keeps the chip's alpha = I·R inside s16.15. Scaling V, thresholds, weights and currents
// together changes nothing in the model; it only trades headroom for resolution (2^−15 mV).
import type { EncodedSet } from '../../../src/encoding/encoder.js';
import type { MappedChain } from './map-chain.js';
import { affine } from './model-reference.js';

/** Share of the s16.15 limit the largest alpha = I·R of the inputs may use. */
export const ALPHA_HEADROOM = 0.5;

/** Largest |I|·R of the inputs, as a share of the s16.15 limit, for a chain mapped at scale 1. */
export function worstAlphaShare(mapped: MappedChain, inputs: EncodedSet): number {
  const layer0 = mapped.chain.layers[0]!;
  const a = new Float64Array(layer0.nOut);
  const frame = inputs.steps * inputs.channels;
  let worst = 0;
  for (let i = 0; i < inputs.n * inputs.steps; i++) {
    affine(layer0, inputs.data.subarray(i * inputs.channels, (i + 1) * inputs.channels), a);
    for (let j = 0; j < layer0.nOut; j++) {
      worst = Math.max(worst, Math.abs(mapped.currentScale[j]! * a[j]!) / mapped.currentLimit[j]!);
    }
  }
  return frame === 0 ? 0 : worst;
}

/**
 * The power of two ≤ 1 that keeps the worst alpha within the headroom; 1 when the first layer
 * runs on the host or no inputs are known.
 */
export function chooseVoltageScale(mapped: MappedChain, inputs?: EncodedSet): number {
  if (!inputs || mapped.firstOnChip !== 0) return 1;
  const worst = worstAlphaShare(mapped, inputs);
  if (worst <= ALPHA_HEADROOM) return 1;
  return 2 ** Math.floor(Math.log2(ALPHA_HEADROOM / worst));
}
