// How closely a quantised run follows the float run of the same model on the same inputs:
// classification agreement, per-layer correlation of per-neuron spike counts, and the step at
// which each input's spikes first differ (per-step digests over all layers).
import type { IrModel } from '../ir/model.js';
import type { EncodedSet } from '../encoding/encoder.js';
import type { NumericProfile } from '../quantize/profile.js';
import { FLOAT_PROFILE } from '../quantize/profiles/float.js';
import { emulateModel, type EmulateOptions, type EmulationRun } from './emulate.js';

export interface Agreement {
  n: number;
  /** Fraction of inputs where both runs predict the same class. */
  classification: number;
  floatAccuracy?: number;
  quantAccuracy?: number;
  /** Pearson correlation of per-input, per-neuron spike counts, layer by layer. */
  layers: Array<{ name: string; correlation: number; floatSpikes: number; quantSpikes: number }>;
  /** Inputs whose spikes never differ, and for the rest the first differing step (histogram). */
  identical: number;
  firstDivergence: number[];
}

/** Run the float model and the quantised one, and compare them. */
export async function compareRuns(
  model: IrModel,
  quantised: IrModel,
  profile: NumericProfile,
  inputs: EncodedSet,
  opts: EmulateOptions = {},
): Promise<{ agreement: Agreement; float: EmulationRun; quant: EmulationRun }> {
  const ask: EmulateOptions = { ...opts, neuronCounts: true, stepDigests: true };
  const float = await emulateModel(model, inputs, FLOAT_PROFILE, ask);
  const quant = await emulateModel(quantised, inputs, profile, ask);
  return { agreement: agreementOf(float, quant, inputs.steps), float, quant };
}

/** Compare two runs over the same inputs (same model graph). */
export function agreementOf(a: EmulationRun, b: EmulationRun, steps: number): Agreement {
  const n = Math.min(a.result.n, b.result.n);
  let same = 0;
  for (let i = 0; i < n; i++) if (a.result.predictions[i] === b.result.predictions[i]) same++;
  const layers = a.plan.layers.map((l, k) => ({
    name: l.name,
    correlation: pearson(a.chunk.neuronCounts?.[k], b.chunk.neuronCounts?.[k]),
    floatSpikes: a.result.perLayer[k]!.spikes / Math.max(1, a.result.n),
    quantSpikes: (b.result.perLayer[k]?.spikes ?? NaN) / Math.max(1, b.result.n),
  }));
  const firstDivergence = new Array<number>(steps).fill(0);
  let identical = 0;
  const da = a.chunk.stepDigests;
  const db = b.chunk.stepDigests;
  for (let i = 0; i < n && da && db; i++) {
    let t = 0;
    while (t < steps && da[i * steps + t] === db[i * steps + t]) t++;
    if (t === steps) identical++;
    else firstDivergence[t]!++;
  }
  const out: Agreement = {
    n,
    classification: n ? same / n : 0,
    layers,
    identical,
    firstDivergence,
  };
  if (a.result.accuracy !== undefined) out.floatAccuracy = a.result.accuracy;
  if (b.result.accuracy !== undefined) out.quantAccuracy = b.result.accuracy;
  return out;
}

/** Pearson correlation; NaN when either side is constant or missing. */
export function pearson(
  x: ArrayLike<number> | undefined,
  y: ArrayLike<number> | undefined,
): number {
  if (!x || !y || x.length !== y.length || x.length === 0) return NaN;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) ((sx += x[i]!), (sy += y[i]!));
  const mx = sx / x.length;
  const my = sy / y.length;
  let cxy = 0;
  let cxx = 0;
  let cyy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    cxy += dx * dy;
    cxx += dx * dx;
    cyy += dy * dy;
  }
  return cxx === 0 || cyy === 0 ? NaN : cxy / Math.sqrt(cxx * cyy);
}
