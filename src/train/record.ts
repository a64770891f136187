// The training record stored with a model: config, metrics (accuracy, spikes, per-layer
// firing rate and silent share) and the data split.
import type { ReducerFit } from '../data/reducer-fit.js';
import type { TrainingRecord } from '../ir/model.js';
import type { TrainConfig } from './config.js';
import type { FitOutcome } from './fit.js';
import type { TrainSummary } from './run.js';

/** Flatten a finished run into the IR's TrainingRecord. */
export function trainingRecord(
  config: TrainConfig,
  summary: TrainSummary,
  out: FitOutcome,
  split: string,
  nFit: number,
  nVal: number,
  nTest: number,
  reducerFit: ReducerFit,
): TrainingRecord {
  const metrics: Record<string, number> = {
    accuracy: summary.accuracy,
    testAccuracy: summary.accuracy,
    valAccuracy: out.bestValAccuracy,
    spikesPerInference: summary.spikesPerInference ?? 0,
    epochs: out.epochs,
    bestEpoch: out.bestEpoch,
    trainSeconds: out.trainSeconds,
    samplesPerSecond: out.samplesPerSecond,
  };
  for (const l of summary.layers) {
    metrics[`${l.name}.spikesPerInference`] = l.spikesPerInference;
    metrics[`${l.name}.firingRate`] = l.firingRate;
    metrics[`${l.name}.silentFraction`] = l.silentFraction;
  }
  return {
    // The reducer fit is also in the encoder spec; here it survives codecs that drop it there.
    config: { ...config, reducerFit, stoppedBy: out.stoppedBy },
    metrics,
    spikesPerLayer: summary.spikesPerLayer,
    split:
      `${split}; validation: per class the last ${config.valFraction} of the training part ` +
      `(${nFit} fit / ${nVal} validation / ${nTest} test)`,
  };
}
