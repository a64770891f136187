// `dynalign sweep`: train every δ of a list several times (in parallel processes), resume after
// an interruption, and write mean ± std per setting as CSV, JSON and an SVG plot.
import type { Command } from 'commander';
import { availableParallelism, freemem } from 'node:os';
import { resolve } from 'node:path';
import { defaultCacheDir, reduceMnist } from '../../data/pipeline.js';
import { DynalignError } from '../../util/errors.js';
import {
  addTrainOptions,
  configFromFlags,
  encoderFromFlags,
  limitsFromFlags,
  type TrainFlags,
} from '../../train/flags.js';
import { protobufKeepsEncoder } from '../../train/save-trained.js';
import { runSweep, type SweepResult } from '../../train/sweep.js';
import { emit, log, parseInteger, parseNumber } from '../output.js';

/** The paper's mixed-oscillator sweep (paper.md, Fig. 5 table). */
const PAPER_DELTAS = '-1.5,-1,-0.3,0,0.3,1,2,10';
/** Memory one training process may need (tfjs wasm heap plus data), for the job count. */
const BYTES_PER_JOB = 1.5 * 2 ** 30;

interface Flags extends TrainFlags {
  deltas: string;
  runs: string;
  jobs?: string;
  ann?: boolean;
  out: string;
  keepModels?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** Add the verb to the program (src/cli/main.ts calls every command file's register). */
export function register(program: Command): void {
  const cmd = program
    .command('sweep')
    .description(
      'train a list of δ settings several times; mean ± std of accuracy and spikes vs Σλ',
    );
  addTrainOptions(cmd, false)
    .option('--deltas <list>', 'comma-separated δ values', PAPER_DELTAS)
    .option('--runs <n>', 'runs per setting (seeds --seed, --seed+1, ...)', '3')
    .option('--jobs <n>', 'training processes at once (default: cores, as memory allows)')
    .option('--ann', 'also train the ANN baseline on each setting')
    .option(
      '-o, --out <dir>',
      'sweep folder (runs.jsonl, summary.csv/json, sweep.svg)',
      'dynalign-out/sweep',
    )
    .option('--keep-models', 'keep every run’s .nirpb under <out>/models')
    .option('--json', 'print one JSON object')
    .option('-q, --quiet', 'no progress on stderr')
    .action(async (flags: Flags, c: Command) => {
      const result = await sweep(flags, c);
      emit(flags.json === true, result, () => describe(result));
    });
}

function parseDeltas(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const deltas = parts.map((p) => parseNumber('--deltas', p));
  if (new Set(deltas).size !== deltas.length) {
    throw new DynalignError('E_USAGE', 'a δ appears twice', {
      field: '--deltas',
      value: text,
      fix: 'list each δ once',
    });
  }
  return deltas;
}

async function sweep(flags: Flags, c: Command): Promise<SweepResult & { outDir: string }> {
  const deltas = parseDeltas(flags.deltas);
  const runs = parseInteger('--runs', flags.runs, 1);
  const byMemory = Math.max(1, Math.floor(freemem() / BYTES_PER_JOB));
  const jobs =
    flags.jobs === undefined
      ? Math.min(availableParallelism(), byMemory)
      : parseInteger('--jobs', flags.jobs, 1);

  // Validate everything up front, so no child process fails on a typo.
  const config = configFromFlags(flags);
  const encoders = deltas.map((d) => encoderFromFlags(flags, d));
  const cacheDir = flags.cacheDir ?? defaultCacheDir();
  const limits = limitsFromFlags(flags);
  const progress = flags.quiet ? undefined : log;

  // Fit the reducer once here; every run then reads it from the cache.
  await reduceMnist(encoders[0]!.reducer!, { cacheDir, ...limits, onProgress: progress });
  const trainArgs = forwardedArgs(c, flags);
  const { seed, ...fixed } = config;
  const outDir = resolve(flags.out);
  const result = await runSweep({
    outDir,
    system: encoders[0]!.system,
    deltas,
    runs,
    jobs,
    includeAnn: flags.ann === true,
    baseSeed: seed,
    trainArgs: [...trainArgs, '--cache-dir', cacheDir],
    fingerprint: {
      // What every run shares: the encoder less δ and Σλ, and the training config less seed.
      encoder: {
        ...encoders[0]!,
        params: { ...encoders[0]!.params, delta: null },
        sigmaLambda: null,
      },
      config: fixed,
      limits,
    },
    keepModels: flags.keepModels === true,
    modelExtension: protobufKeepsEncoder(encoders[0]) ? 'nirpb' : 'json',
    onProgress: progress,
  });
  if (result.failed.length > 0) process.exitCode = 1;
  return { ...result, outDir };
}

/** The train flags the user gave, passed on verbatim to every run. */
function forwardedArgs(c: Command, flags: Flags): string[] {
  const own = new Set([
    'deltas',
    'runs',
    'jobs',
    'ann',
    'out',
    'keepModels',
    'json',
    'quiet',
    'cacheDir',
    'seed',
  ]);
  const args: string[] = [];
  for (const opt of c.options) {
    const name = opt.attributeName();
    if (own.has(name)) continue;
    const v = (flags as unknown as Record<string, unknown>)[name];
    if (v === undefined) continue;
    const values = Array.isArray(v) ? v : [v];
    for (const one of values) args.push(`${opt.long}=${String(one)}`);
  }
  return args;
}

function describe(r: SweepResult & { outDir: string }): string {
  const lines = [
    `sweep in ${r.outDir}: ${r.ran} runs trained, ${r.resumed} resumed, ${r.failed.length} failed`,
  ];
  for (const s of r.rows) {
    const spikes =
      s.spikesMean === null
        ? ''
        : `, spikes ${s.spikesMean.toFixed(0)} ± ${s.spikesStd!.toFixed(0)}`;
    lines.push(
      `  ${s.arch} δ ${String(s.delta).padStart(5)} (Σλ ${String(s.sigmaLambda).padStart(5)}): ` +
        `accuracy ${(100 * s.accuracyMean).toFixed(2)} ± ${(100 * s.accuracyStd).toFixed(2)}%` +
        `${spikes} (${s.runs} runs)`,
    );
  }
  for (const f of r.failed) lines.push(`  failed ${f.key}: ${f.error}`);
  lines.push(...r.files.map((f) => `  wrote ${f}`));
  return lines.join('\n');
}
