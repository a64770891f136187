// What mapping to the board costs against the trained float network, split into the part the
// target's reset-to-value causes (the same float network with reset to zero) and the rest
// (fixed point, 16-bit weights, leak clamping).
import type { EncodedSet } from '../../src/encoding/encoder.js';
import { accuracyOf, argmaxRows } from '../../src/emulator/result.js';
import type { Chain } from '../../src/ir/chain.js';
import { runModelReference } from './mapping/model-reference.js';

/** Fraction of inputs on which two prediction vectors agree. */
function agreement(a: Int32Array, b: Int32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return a.length === 0 ? 1 : same / a.length;
}

/** The comparison reported in `extra.comparison` (accuracies as fractions, costs in points). */
export function compareWithFloat(
  chain: Chain,
  inputs: EncodedSet,
  predictions: Int32Array,
): Record<string, number | string> {
  const classes = chain.layers[chain.layers.length - 1]!.nOut;
  const predict = (c: Chain) =>
    argmaxRows(runModelReference(c, inputs).outputCounts, inputs.n, classes);
  const floatPred = predict(chain);
  const out: Record<string, number | string> = {
    modelReset: chain.reset,
    agreementWithFloat: agreement(floatPred, predictions),
  };
  if (!inputs.labels) return out;

  const board = accuracyOf(predictions, inputs.labels);
  const float = accuracyOf(floatPred, inputs.labels);
  out.floatAccuracy = float;
  out.accuracyCostPoints = 100 * (float - board);
  if (chain.reset === 'subtract') {
    const zero = accuracyOf(predict({ ...chain, reset: 'zero' }), inputs.labels);
    out.floatAccuracyWithResetToZero = zero;
    out.resetCostPoints = 100 * (float - zero);
    out.quantisationCostPoints = 100 * (zero - board);
  }
  return out;
}
