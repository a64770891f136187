// Command-line flags shared by `dynalign train` and `dynalign sweep`: declaration, and their
// translation into an encoder spec and a training config (usage errors exit 2).
import type { Command } from 'commander';
import { parseInteger, parseNumber } from '../cli/output.js';
import { makeEncoderSpec } from '../data/pipeline.js';
import { REDUCER_FITS, withReducerFit, type ReducerFit } from '../data/reducer-fit.js';
import { parseParamAssignments } from '../encoding/registry.js';
import type { EncoderSpec, ReducerSpec } from '../ir/model.js';
import { DynalignError, didYouMean } from '../util/errors.js';
import { DEFAULT_TRAIN_CONFIG as D, resolveTrainConfig, type TrainConfig } from './config.js';

/** δ of each named mode of the mixed oscillator: the two shipped networks and δ = 0. */
export const MODE_PRESETS: Record<string, number> = {
  dissipative: 2,
  expansive: -1.5,
  critical: 0,
};

/** Raw option values as commander hands them over. */
export interface TrainFlags {
  mode?: string;
  system?: string;
  delta?: string;
  param?: string[];
  reducer?: string;
  components?: string;
  reducerSeed?: string;
  reducerFit?: string;
  neighbors?: string;
  steps?: string;
  tmax?: string;
  h?: string;
  arch?: string;
  annInput?: string;
  hidden?: string;
  depth?: string;
  epochs?: string;
  lr?: string;
  batch?: string;
  seed?: string;
  patience?: string;
  valFraction?: string;
  reset?: string;
  loss?: string;
  timeLimit?: string;
  cacheDir?: string;
  limitTrain?: string;
  limitTest?: string;
}

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** Declare the encoder, data and training options on a command. */
export function addTrainOptions(cmd: Command, withDelta = true): Command {
  if (withDelta) {
    cmd
      .option('--mode <mode>', `preset δ of the mixed oscillator: ${presetList()}`)
      .option('--delta <n>', 'damping δ of the mixed oscillator (Σλ = −2δ)');
  }
  return cmd
    .option('--system <name>', 'dynamical system of the encoder', 'mixed-oscillator')
    .option('--param <k=v>', 'override a system parameter (repeatable)', collect)
    .option('--reducer <kind>', 'umap | pca', 'umap')
    .option(
      '--reducer-fit <which>',
      'train: fit the reducer on the training split, place test images out of sample (as a ' +
        'deployed network sees new images) | all: fit on train and test images together, ' +
        'without labels, as the paper does',
      'train',
    )
    .option('--components <n>', 'features after reduction', '7')
    .option('--reducer-seed <n>', 'seed of the reducer', '1')
    .option('--neighbors <n>', 'UMAP neighbours', '15')
    .option('--steps <n>', 'time steps the trajectory is resampled onto', '5')
    .option('--tmax <t>', 'end time of the integration', '8')
    .option('--h <step>', 'RK4 step', '0.01')
    .option('--arch <arch>', 'snn | ann (the ReLU baseline on the same encoded input)', 'snn')
    .option('--ann-input <what>', 'ANN input: last (step) | trajectory (flattened)', 'last')
    .option('--hidden <n>', `width of each hidden layer (default ${D.hidden})`)
    .option('--depth <n>', `number of hidden layers (default ${D.depth})`)
    .option('--epochs <n>', `maximum epochs (default ${D.epochs})`)
    .option('--lr <rate>', `Adam learning rate (default ${D.lr})`)
    .option('--batch <n>', `batch size (default ${D.batch})`)
    .option('--seed <n>', `seed of initialisation and shuffling (default ${D.seed})`)
    .option(
      '--patience <n>',
      `epochs without validation gain before stopping (default ${D.patience})`,
    )
    .option(
      '--val-fraction <f>',
      `share of each class held out for validation (default ${D.valFraction})`,
    )
    .option(
      '--reset <mode>',
      `subtract | zero: some targets only reset to a value (default ${D.reset})`,
    )
    .option(
      '--loss <on>',
      `cross-entropy per step on output spikes | membrane ` +
        `(default ${D.loss}; spikes with --reset zero)`,
    )
    .option('--time-limit <s>', 'stop training after this many seconds (0: none)')
    .option('--cache-dir <dir>', 'reduced-feature cache (default .cache/dynalign)')
    .option('--limit-train <n>', 'use an evenly spaced subset of the training split')
    .option('--limit-test <n>', 'use an evenly spaced subset of the test split');
}

function presetList(): string {
  return Object.entries(MODE_PRESETS)
    .map(([m, d]) => `${m} (δ ${d})`)
    .join(', ');
}

/** δ from --mode and --delta; they must agree when both are given. */
export function deltaFromFlags(flags: TrainFlags): number | undefined {
  const delta = flags.delta === undefined ? undefined : parseNumber('--delta', flags.delta);
  if (flags.mode === undefined) return delta;
  const preset = MODE_PRESETS[flags.mode];
  if (preset === undefined) {
    const near = didYouMean(flags.mode, Object.keys(MODE_PRESETS));
    throw new DynalignError('E_UNKNOWN_MODE', 'unknown mode', {
      field: '--mode',
      value: flags.mode,
      fix: (near ? `did you mean '${near}'? ` : '') + `modes: ${presetList()}`,
    });
  }
  if ((flags.system ?? 'mixed-oscillator') !== 'mixed-oscillator') {
    throw new DynalignError('E_USAGE', '--mode presets δ of the mixed oscillator only', {
      field: '--mode',
      value: flags.system,
      fix: 'drop --mode and set the system parameters with --param',
    });
  }
  if (delta !== undefined && delta !== preset) {
    throw new DynalignError('E_USAGE', `--mode ${flags.mode} means δ = ${preset}`, {
      field: '--delta',
      value: delta,
      fix: 'pass either --mode or --delta',
    });
  }
  return preset;
}

/** The reducer named by the flags, with its fit ('train' left implicit, as in older specs). */
export function reducerFromFlags(flags: TrainFlags): ReducerSpec {
  const kind = flags.reducer ?? 'umap';
  if (kind !== 'umap' && kind !== 'pca') {
    throw new DynalignError('E_USAGE', 'unknown reducer', {
      field: '--reducer',
      value: kind,
      fix: 'use umap or pca',
    });
  }
  const fit = flags.reducerFit ?? 'train';
  if (!(REDUCER_FITS as readonly string[]).includes(fit)) {
    throw new DynalignError('E_USAGE', 'unknown reducer fit', {
      field: '--reducer-fit',
      value: fit,
      fix: `use one of ${REDUCER_FITS.join(', ')}`,
    });
  }
  return withReducerFit(specOfKind(kind, flags), fit as ReducerFit);
}

function specOfKind(kind: 'umap' | 'pca', flags: TrainFlags): ReducerSpec {
  return {
    kind,
    nComponents: parseInteger('--components', flags.components ?? '7', 1),
    seed: parseInteger('--reducer-seed', flags.reducerSeed ?? '1', 0),
    ...(kind === 'umap'
      ? { nNeighbors: parseInteger('--neighbors', flags.neighbors ?? '15', 2) }
      : {}),
  };
}

/** Encoder spec for a given δ (or the flags' own when undefined). */
export function encoderFromFlags(flags: TrainFlags, delta = deltaFromFlags(flags)): EncoderSpec {
  const params = parseParamAssignments(flags.param ?? []);
  if (delta !== undefined) {
    if (params.delta !== undefined && params.delta !== delta) {
      throw new DynalignError('E_USAGE', 'δ given twice with different values', {
        field: '--param',
        value: params.delta,
        fix: 'set δ with --delta only',
      });
    }
    params.delta = delta;
  }
  return makeEncoderSpec(flags.system ?? 'mixed-oscillator', params, reducerFromFlags(flags), {
    numSteps: parseInteger('--steps', flags.steps ?? '5', 1),
    tmax: parseNumber('--tmax', flags.tmax ?? '8', (v) => (v > 0 ? undefined : 'tmax must be > 0')),
    h: parseNumber('--h', flags.h ?? '0.01', (v) => (v > 0 ? undefined : 'h must be > 0')),
  });
}

/** Training config from the flags; anything not given keeps its default. */
export function configFromFlags(flags: TrainFlags, extra: Partial<TrainConfig> = {}): TrainConfig {
  const num = (name: string, v: string | undefined) =>
    v === undefined ? undefined : parseNumber(name, v);
  const o: Partial<TrainConfig> = {
    arch: flags.arch as TrainConfig['arch'] | undefined,
    annInput: flags.annInput as TrainConfig['annInput'] | undefined,
    reset: flags.reset as TrainConfig['reset'] | undefined,
    loss: flags.loss as TrainConfig['loss'] | undefined,
    hidden: num('--hidden', flags.hidden),
    depth: num('--depth', flags.depth),
    epochs: num('--epochs', flags.epochs),
    lr: num('--lr', flags.lr),
    batch: num('--batch', flags.batch),
    seed: num('--seed', flags.seed),
    patience: num('--patience', flags.patience),
    valFraction: num('--val-fraction', flags.valFraction),
    timeLimit: num('--time-limit', flags.timeLimit),
  };
  const given = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return resolveTrainConfig({ ...given, ...extra });
}

/** Pipeline limits from the flags. */
export function limitsFromFlags(flags: TrainFlags): { limitTrain?: number; limitTest?: number } {
  return {
    limitTrain:
      flags.limitTrain === undefined
        ? undefined
        : parseInteger('--limit-train', flags.limitTrain, 10),
    limitTest:
      flags.limitTest === undefined ? undefined : parseInteger('--limit-test', flags.limitTest, 1),
  };
}
