// `dynalign demo --retrain`: train a mode's network again with the configuration and encoder
// recorded in the shipped model, so the retrained network is the shipped one's reproduction.
import type { IrModel } from '../ir/model.js';
import { resolveTrainConfig, type TrainConfig } from '../train/config.js';
import { runTraining } from '../train/run.js';
import { DynalignError } from '../util/errors.js';

export interface RetrainOptions {
  cacheDir: string;
  onProgress?: (line: string) => void;
}

const CONFIG_KEYS: ReadonlyArray<keyof TrainConfig> = [
  'arch',
  'hidden',
  'depth',
  'epochs',
  'lr',
  'batch',
  'seed',
  'patience',
  'valFraction',
  'reset',
  'loss',
  'annInput',
  'timeLimit',
];

/** Train from scratch with the config and encoder stored in `shipped`. */
export async function retrainLike(
  shipped: IrModel,
  file: string,
  opts: RetrainOptions,
): Promise<IrModel> {
  if (!shipped.encoder || !shipped.training) {
    throw new DynalignError('E_MODEL_RECORD', 'model records no encoder or training config', {
      file,
      fix: 'restore the shipped model from the repository (git checkout models/)',
    });
  }
  const recorded = shipped.training.config;
  const overrides: Record<string, unknown> = {};
  for (const k of CONFIG_KEYS) if (recorded[k] !== undefined) overrides[k] = recorded[k];
  const config = resolveTrainConfig(overrides as Partial<TrainConfig>);
  const run = await runTraining({
    encoder: shipped.encoder,
    config,
    pipeline: { cacheDir: opts.cacheDir, onProgress: opts.onProgress },
    onEpoch: (e) =>
      opts.onProgress?.(`train: epoch ${e.epoch} val ${(100 * e.valAccuracy).toFixed(2)} %`),
  });
  if (!run.model) throw new TypeError('an SNN training run returned no model');
  return run.model;
}
