// The one call the demo needs: quantise a float model for a profile (unless it already is) and
// emulate an encoded test set, returning the shared EmulationResult with its counts.
import type { IrModel } from '../ir/model.js';
import type { EncodedSet } from '../encoding/encoder.js';
import type { NumericProfile } from '../quantize/profile.js';
import { quantizeModel, type QuantizeOptions } from '../quantize/quantize-model.js';
import { modelProfileSpec, resolveProfile } from '../quantize/resolve.js';
import { emulateModel, type EmulateOptions } from './emulate.js';
import type { EmulationResult } from './result.js';

export interface QuantizeAndEmulateOptions extends EmulateOptions {
  quantize?: QuantizeOptions;
}

/**
 * Quantise `model` for `profile` ('int', 'float', or a profile object) and emulate the set.
 * A model already quantised for that profile id is emulated as it is.
 */
export async function quantizeAndEmulate(
  model: IrModel,
  encodedTestSet: EncodedSet,
  profile: NumericProfile | string,
  opts: QuantizeAndEmulateOptions = {},
): Promise<EmulationResult> {
  const p = typeof profile === 'string' ? await resolveProfile(profile) : profile;
  const already = modelProfileSpec(model)?.name === p.name && isQuantisedFor(model, p.id);
  const q = already || p.kind === 'float' ? model : quantizeModel(model, p, opts.quantize).model;
  return (await emulateModel(q, encodedTestSet, p, opts)).result;
}

/** Whether every node that carries quantisations has one for this profile id. */
export function isQuantisedFor(model: IrModel, id: string): boolean {
  const nodes = Object.values(model.graph.nodes).filter((n) => n.quantization?.length);
  return nodes.length > 0 && nodes.every((n) => n.quantization!.some((q) => q.profile === id));
}
