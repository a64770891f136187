// `dynalign train`: MNIST → reducer → dynamical encoder → SNN (or ANN baseline) → IR model.
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { defaultCacheDir } from '../../data/pipeline.js';
import { dataFromFile } from '../../train/dataset-input.js';
import {
  addTrainOptions,
  configFromFlags,
  encoderFromFlags,
  limitsFromFlags,
  type TrainFlags,
} from '../../train/flags.js';
import { formatProfile } from '../../train/profile.js';
import { runTraining, type TrainSummary } from '../../train/run.js';
import {
  checkModelPath,
  defaultModelPath,
  saveTrainedModel,
} from '../../train/save-trained.js';
import { MODEL_EXTENSIONS } from '../../io/model-file.js';
import { checkOutFile } from '../../util/out-path.js';
import { emit, log } from '../output.js';

interface Flags extends TrainFlags {
  out?: string;
  dataset?: string;
  profile?: boolean;
  save?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** Add the verb to the program (src/cli/main.ts calls every command file's register). */
export function register(program: Command): void {
  const cmd = program
    .command('train')
    .description('train a Dynamical Alignment SNN on MNIST and write it as an IR model (.nirpb)');
  addTrainOptions(cmd)
    .option(
      '-o, --out <file>',
      'model file: .nirpb, .nir or .json (default dynalign-out/<mode>.nirpb)',
    )
    .option('--no-save', 'train and report without writing a model file')
    .option('--dataset <file>', 'train on an encoded dataset (.dynenc from dynalign encode)')
    .option('--profile', 'report the share of time per phase of a training step')
    .option('--json', 'print one JSON object')
    .option('-q, --quiet', 'no progress on stderr')
    .action(async (flags: Flags) => {
      const result = await train(flags);
      emit(flags.json === true, result, () => describe(result));
    });
}

async function train(flags: Flags) {
  const config = configFromFlags(flags);

  // A model path that cannot be written fails now, not after minutes of training.
  if (flags.out !== undefined && flags.save !== false) {
    await checkOutFile(flags.out, '--out', MODEL_EXTENSIONS);
  }
  const progress = flags.quiet ? undefined : log;
  const explicit =
    flags.mode !== undefined || flags.delta !== undefined || flags.param !== undefined;

  // Data: an encoded file (checked against any encoder flags given) or the MNIST pipeline.
  let encoder = flags.dataset && !explicit ? undefined : encoderFromFlags(flags);
  let data;
  if (flags.dataset) {
    const fromFile = await dataFromFile(flags.dataset, encoder);
    encoder = fromFile.encoder;
    data = fromFile.data;
  }
  if (flags.out !== undefined && flags.save !== false) checkModelPath(flags.out, encoder);
  const pipeline = {
    cacheDir: flags.cacheDir ?? defaultCacheDir(),
    ...limitsFromFlags(flags),
    onProgress: progress,
  };
  const run = await runTraining({
    encoder: encoder!,
    config,
    data,
    pipeline,
    profile: flags.profile,
    onEpoch: (r) =>
      progress?.(
        `epoch ${r.epoch}/${config.epochs}: loss ${r.trainLoss.toFixed(4)}, ` +
          (Number.isNaN(r.valAccuracy)
            ? 'no validation split'
            : `val ${(100 * r.valAccuracy).toFixed(2)}%`) +
          (r.valSpikesPerInference === undefined
            ? ''
            : `, ${r.valSpikesPerInference.toFixed(0)} spikes`) +
          ` (${r.seconds.toFixed(1)} s)`,
      ),
  });

  // Only the SNN has a model file; it is written atomically.
  let out: string | null = null;
  if (run.model && flags.save !== false) {
    out = resolve(flags.out ?? defaultModelPath(run.model.encoder, run.summary.mode));
    await saveTrainedModel(out, run.model);
  }
  const profile = run.fit.profile ? formatProfile(run.fit.profile) : undefined;
  return { ...run.summary, out, ...(profile ? { profile } : {}) };
}

function describe(r: TrainSummary & { out: string | null; profile?: string }): string {
  const lines = [
    `${r.arch} ${r.system} δ ${r.delta ?? '-'} (Σλ ${r.sigmaLambda}, ${r.mode}): ` +
      `test accuracy ${(100 * r.accuracy).toFixed(2)}%`,
    `epochs ${r.epochs} (best ${r.bestEpoch}, stopped by ${r.stoppedBy}), ` +
      `${r.trainSeconds.toFixed(1)} s, ${r.samplesPerSecond.toFixed(0)} samples/s`,
  ];
  if (r.spikesPerInference !== null) {
    lines.push(
      `spikes per inference ${r.spikesPerInference.toFixed(1)} ` +
        `(per layer ${r.spikesPerLayer.map((s) => s.toFixed(1)).join(', ')})`,
    );
  }
  if (r.profile) lines.push(`profile: ${r.profile}`);
  if (r.out) lines.push(`model written to ${r.out}`);
  return lines.join('\n');
}
