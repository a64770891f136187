// A trained network as a dynalign IR model: snnTorch-style NIR graph (buildLeakyModel) plus the
// encoder spec, the discretisation it was trained with, the training record and provenance.
import { buildLeakyModel } from '../ir/build.js';
import type { Discretisation, EncoderSpec, IrModel, TrainingRecord } from '../ir/model.js';
import { TOOL_NAME, TOOL_VERSION } from '../util/version.js';
import type { SnnNet } from './snn.js';

/** Time step written with the model: snnTorch's NIR export uses dt = 1e-4 (NIR docs §3). */
export const EXPORT_DT = 1e-4;

/** The discretisation a network was trained under. */
export function trainingDiscretisation(net: SnnNet): Discretisation {
  return { dt: EXPORT_DT, integrator: 'euler', reset: net.reset, spikes: 'unit' };
}

/** Build the IR model; throws when a threshold is not positive (no target can run it). */
export function exportSnnModel(
  net: SnnNet,
  encoder: EncoderSpec,
  training: TrainingRecord,
  createdAt = new Date().toISOString(),
): IrModel {
  net.layers.forEach((l, k) => {
    if (!(l.threshold[0]! > 0)) {
      throw new RangeError(`layer ${k + 1} learned threshold ${l.threshold[0]}; it must stay > 0`);
    }
  });
  const model = buildLeakyModel(
    net.layers.map((l) => ({
      weight: l.weight,
      bias: l.bias,
      nIn: l.nIn,
      nOut: l.nOut,
      beta: l.beta[0]!,
      threshold: l.threshold[0]!,
    })),
    trainingDiscretisation(net),
  );
  model.graph.metadata.generator = {
    kind: 'string',
    value: `${TOOL_NAME} ${TOOL_VERSION} train; generated file, do not edit`,
  };
  return {
    ...model,
    encoder,
    training,
    provenance: { tool: TOOL_NAME, toolVersion: TOOL_VERSION, createdAt },
  };
}
