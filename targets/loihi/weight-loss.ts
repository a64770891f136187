// The weight each stored value really contributes once netx and Lava's Dense have handled it:
// netx rescales (§2.2), Lava clips and truncates (§1.4), and the sum is shifted back by
// −weight_exp. Dividing the effective weight by 2^(−weight_exp) gives its value in a-units.
import { determineSignMode, effectiveWeights } from './dense.js';
import { optimizeWeightBits } from './netx-weights.js';

/** Effective weights of a stored netx weight matrix, in the stored units. */
export function realisedWeights(stored: ArrayLike<number>, layer: string): Float64Array {
  const opt = optimizeWeightBits(stored, layer);
  const eff = effectiveWeights(opt.weights, determineSignMode(opt.weights), opt.numWeightBits);
  const unit = 2 ** opt.weightExp;
  return Float64Array.from(eff, (w) => w * unit);
}
