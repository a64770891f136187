// One training run end to end: data (cached reduction, encoding), validation split, training
// of the SNN or the ANN baseline, test evaluation, and for the SNN the exported IR model.
import type { EncodedSet } from '../encoding/encoder.js';
import { classifyMode, type Mode } from '../encoding/mode.js';
import type { EncoderSpec, IrModel } from '../ir/model.js';
import { loadEncodedMnist, type PipelineOptions } from '../data/pipeline.js';
import { reducerFitOf } from '../data/reducer-fit.js';
import { createAnnLearner, annInputWidth } from './ann.js';
import { loadTf } from './backend.js';
import { carveValidation } from './batches.js';
import type { TrainConfig } from './config.js';
import { evaluateSnn } from './evaluate.js';
import { exportSnnModel } from './export.js';
import { fitLearner, type EpochRecord, type FitOutcome } from './fit.js';
import { initLayers, layerSizes } from './init.js';
import { makeMatMul, type MatMul } from './matmul.js';
import { createSnnLearner } from './snn-learner.js';
import type { LayerSpikeStats } from './spike-stats.js';
import { trainingRecord } from './record.js';

/** Output classes: the ten MNIST digits. */
export const MNIST_CLASSES = 10;

/** Already encoded data, e.g. read from a .dynenc file or prepared by a test. */
export interface PreparedData {
  train: EncodedSet;
  test: EncodedSet;
  split: string;
}

export interface TrainRunOptions {
  encoder: EncoderSpec;
  config: TrainConfig;
  /** Skip the MNIST pipeline and use these sets (they must match `encoder`). */
  data?: PreparedData;
  pipeline?: PipelineOptions;
  /** Matrix product to use; the tfjs backend when absent. */
  matMul?: MatMul;
  onEpoch?(rec: EpochRecord): void;
  profile?: boolean;
}

/** The result `dynalign train` prints (issue 3, item 5) plus what sweeps aggregate. */
export interface TrainSummary {
  arch: TrainConfig['arch'];
  mode: Mode;
  system: string;
  delta: number | null;
  sigmaLambda: number;
  /** Test accuracy of the restored best epoch. */
  accuracy: number;
  valAccuracy: number;
  epochs: number;
  bestEpoch: number;
  stoppedBy: FitOutcome['stoppedBy'];
  spikesPerInference: number | null;
  spikesPerLayer: number[];
  layers: LayerSpikeStats[];
  trainSeconds: number;
  samplesPerSecond: number;
  seed: number;
}

export interface TrainRunResult {
  summary: TrainSummary;
  fit: FitOutcome;
  /** The exported network (SNN runs only). */
  model?: IrModel;
}

/** Train once with the given encoder and config. */
export async function runTraining(opts: TrainRunOptions): Promise<TrainRunResult> {
  const { encoder, config } = opts;
  const data = opts.data ?? (await loadEncodedMnist(encoder, opts.pipeline));
  const mm = opts.matMul ?? makeMatMul((await loadTf()).tf);
  const { fit, val } = carveValidation(data.train, config.valFraction);
  const hooks = { onEpoch: opts.onEpoch, profile: opts.profile };
  const base = {
    arch: config.arch,
    mode: classifyMode(encoder.sigmaLambda),
    system: encoder.system,
    delta: encoder.params.delta ?? null,
    sigmaLambda: encoder.sigmaLambda,
    seed: config.seed,
  };

  // The ANN baseline: same widths and loop, ReLU, no spikes and no model file.
  if (config.arch === 'ann') {
    const width = annInputWidth(data.train, config.annInput);
    const layers = initLayers(
      layerSizes(width, config.hidden, config.depth, MNIST_CLASSES),
      config.seed,
    );
    const learner = createAnnLearner(layers, config.annInput, mm);
    const out = fitLearner(learner, fit, val, config, hooks);
    const test = learner.evaluate(data.test);
    const summary: TrainSummary = {
      ...base,
      ...outcomeFields(out),
      accuracy: test.accuracy,
      spikesPerInference: null,
      spikesPerLayer: [],
      layers: [],
    };
    return { summary, fit: out };
  }

  const sizes = layerSizes(data.train.channels, config.hidden, config.depth, MNIST_CLASSES);
  const net = { layers: initLayers(sizes, config.seed), reset: config.reset, loss: config.loss };
  const out = fitLearner(createSnnLearner(net, mm), fit, val, config, hooks);
  const test = evaluateSnn(net, data.test, mm);
  const summary: TrainSummary = {
    ...base,
    ...outcomeFields(out),
    accuracy: test.accuracy,
    spikesPerInference: test.spikesPerInference,
    spikesPerLayer: test.layers.map((l) => l.spikesPerInference),
    layers: test.layers,
  };
  const reducerFit = encoder.reducer ? reducerFitOf(encoder.reducer) : 'train';
  const counts = [fit.n, val.n, data.test.n] as const;
  const record = trainingRecord(config, summary, out, data.split, ...counts, reducerFit);
  return { summary, fit: out, model: exportSnnModel(net, encoder, record) };
}

function outcomeFields(out: FitOutcome) {
  return {
    valAccuracy: out.bestValAccuracy,
    epochs: out.epochs,
    bestEpoch: out.bestEpoch,
    stoppedBy: out.stoppedBy,
    trainSeconds: out.trainSeconds,
    samplesPerSecond: out.samplesPerSecond,
  };
}
