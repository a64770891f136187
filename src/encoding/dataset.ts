// `--dataset mnist`: the fixed split, reduced by the shared data pipeline (fitted on the
// training split only, cached on disk), then encoded over worker threads.
import type { EncoderSpec } from '../ir/model.js';
import { reduceMnist, type PipelineOptions } from '../data/pipeline.js';
import { SPLIT_DESCRIPTION } from '../data/mnist.js';
import { DynalignError } from '../util/errors.js';
import type { EncodedSet } from './encoder.js';
import { encodeFeaturesParallel } from './parallel.js';
import type { RegisteredSystem } from './system.js';

/** Datasets `--dataset` accepts. */
export const DATASETS = ['mnist'] as const;

export interface EncodedDataset {
  train: EncodedSet;
  test: EncodedSet;
  source: Record<string, unknown>;
  seconds: { reduce: number; encode: number };
}

/** Reduce and encode MNIST with this encoder spec (its reducer must be set). */
export async function encodeMnist(
  sys: RegisteredSystem,
  spec: EncoderSpec,
  opts: PipelineOptions & { workers?: number },
): Promise<EncodedDataset> {
  if (!spec.reducer) {
    throw new DynalignError('E_USAGE', 'the MNIST encoding needs a reducer', {
      field: '--reducer',
    });
  }
  const t0 = performance.now();
  const reduced = await reduceMnist(spec.reducer, opts);
  const t1 = performance.now();
  const workers = { workers: opts.workers };
  const train = await encodeFeaturesParallel(sys, spec, reduced.train, reduced.nTrain, workers);
  const test = await encodeFeaturesParallel(sys, spec, reduced.test, reduced.nTest, workers);
  const t2 = performance.now();
  return {
    train: { ...train, labels: reduced.trainLabels },
    test: { ...test, labels: reduced.testLabels },
    source: {
      dataset: 'mnist',
      split: SPLIT_DESCRIPTION,
      nTrain: reduced.nTrain,
      nTest: reduced.nTest,
      reducedFeaturesSha256: reduced.key,
    },
    seconds: { reduce: (t1 - t0) / 1000, encode: (t2 - t1) / 1000 },
  };
}
