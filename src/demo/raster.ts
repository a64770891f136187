// Spikes of one test input under the generic int8 profile, as raster events for the report.
import type { IrModel } from '../ir/model.js';
import type { EncodedSet } from '../encoding/encoder.js';
import { quantizeModel } from '../quantize/quantize-model.js';
import { resolveProfile } from '../quantize/resolve.js';
import { emulateModel } from '../emulator/emulate.js';
import type { RasterEvent } from '../report/plots.js';

/** Every spike of input `index` of `set`: (step, layer name, neuron). */
export async function rasterOf(model: IrModel, set: EncodedSet, index = 0): Promise<RasterEvent[]> {
  const profile = await resolveProfile('int');
  const q = quantizeModel(model, profile).model;
  const per = set.steps * set.channels;
  const one: EncodedSet = {
    n: 1,
    steps: set.steps,
    channels: set.channels,
    data: set.data.subarray(index * per, (index + 1) * per),
  };
  const run = await emulateModel(q, one, profile, { recordSpikes: true });
  const rec = run.chunk.spikes;
  if (!rec) return [];
  const events: RasterEvent[] = [];
  for (let i = 0; i < rec.count; i++) {
    events.push({
      step: rec.step[i]!,
      layer: run.plan.layers[rec.layer[i]!]!.name,
      neuron: rec.neuron[i]!,
    });
  }
  return events;
}
