// `dynalign encode`: pick a dynamical system, see its mode (Lyapunov spectrum, Σλ), encode a
// dataset to a file, or plot one feature value's trajectory.
import type { Command } from 'commander';
import type { EncoderSpec, ReducerSpec } from '../../ir/model.js';
import { defaultCacheDir } from '../../data/pipeline.js';
import { analyseMode } from '../../encoding/analysis.js';
import { DATASETS, encodeMnist } from '../../encoding/dataset.js';
import { writeEncodedDataset } from '../../encoding/dataset-file.js';
import {
  formatAnalysis,
  formatEncoding,
  formatSystemList,
  systemInfo,
} from '../../encoding/describe.js';
import { encodeFeatures } from '../../encoding/encoder.js';
import { classifyMode, MODE_EPSILON } from '../../encoding/mode.js';
import { checkTiming } from '../../encoding/plan.js';
import { renderTrajectorySvg } from '../../encoding/plot.js';
import {
  parseParamAssignments,
  requireSystem,
  resolveParams,
  SYSTEMS,
} from '../../encoding/registry.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { checkOutFile } from '../../util/out-path.js';
import { DynalignError, didYouMean } from '../../util/errors.js';
import { emit, log, parseInteger, parseNumber } from '../output.js';

interface EncodeOptions {
  list?: boolean;
  system: string;
  param: string[];
  tmax: string;
  h: string;
  steps: string;
  value: string;
  lyapunov?: boolean;
  lyapTime?: string;
  lyapTransient?: string;
  qrEvery: string;
  epsilon: string;
  dataset?: string;
  out?: string;
  reducer: string;
  components: string;
  seed: string;
  limitTrain?: string;
  limitTest?: string;
  workers?: string;
  cache: boolean;
  plot?: string;
  json?: boolean;
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

/** Register `dynalign encode` and its options. */
export function register(program: Command): void {
  program
    .command('encode')
    .description(
      'encode with a 3-D dynamical system: mode analysis, dataset files, trajectory plots',
    )
    .option('--list', 'list the systems with their equations, parameters and defaults')
    .option('--system <name>', 'dynamical system (see --list)', 'mixed-oscillator')
    .option(
      '--param <name=value>',
      'override a parameter (repeatable), e.g. --param delta=-0.3',
      collect,
      [],
    )
    .option('--tmax <t>', 'end time of the RK4 integration', '8')
    .option('--h <h>', 'RK4 step', '0.01')
    .option('--steps <n>', 'network time steps the trajectory is resampled onto', '5')
    .option('--value <f>', 'normalised feature value in [-1, 1] to encode or plot', '1')
    .option('--lyapunov', 'Lyapunov spectrum (Benettin), Σλ, Kaplan–Yorke dimension and mode')
    .option('--lyap-time <t>', 'averaging window (default 1000, or tmax if the orbit runs away)')
    .option('--lyap-transient <t>', 'discarded transient before averaging (default 100)')
    .option('--qr-every <n>', 'RK4 steps between QR re-orthonormalisations', '5')
    .option('--epsilon <e>', 'half-width of the critical band |Σλ| ≤ ε', String(MODE_EPSILON))
    .option('--dataset <name>', `encode a dataset (${DATASETS.join(', ')}); needs --out`)
    .option('--out <file>', 'encoded dataset file to write (.dynenc, layout in docs/encoding.md)')
    .option('--reducer <kind>', 'dimensionality reduction before encoding: umap or pca', 'umap')
    .option('--components <k>', 'features per image after reduction', '7')
    .option('--seed <n>', 'reducer seed', '1')
    .option('--limit-train <n>', 'evenly spaced subset of the training split')
    .option('--limit-test <n>', 'evenly spaced subset of the test split')
    .option('--workers <n>', 'worker threads for dataset encoding (default: all cores)')
    .option('--no-cache', 'do not read or write the reduced-feature cache')
    .option('--plot <file.svg>', 'draw the trajectory of --value and its resampled steps to SVG')
    .option('--json', 'print one JSON object')
    .action(async (opts: EncodeOptions) => run(opts));
}

async function run(opts: EncodeOptions): Promise<void> {
  const json = opts.json === true;
  if (opts.list) {
    const all = Object.values(SYSTEMS);
    emit(json, { systems: all.map(systemInfo) }, () => formatSystemList(all));
    return;
  }

  // The system, its parameters and the integration settings, all checked before any work.
  const sys = requireSystem(opts.system);
  const params = resolveParams(sys, parseParamAssignments(opts.param));
  const tmax = parseNumber('--tmax', opts.tmax);
  const h = parseNumber('--h', opts.h);
  const steps = parseInteger('--steps', opts.steps, 1);
  checkTiming(h, tmax, steps);
  const value = parseNumber('--value', opts.value, (v) =>
    Math.abs(v) <= 1 ? undefined : 'normalised feature values lie in [-1, 1]',
  );
  if (opts.plot !== undefined && !opts.plot.toLowerCase().endsWith('.svg')) {
    throw new DynalignError('E_USAGE', 'plots are written as SVG', {
      field: '--plot',
      value: opts.plot,
      fix: 'name the file with an .svg extension',
    });
  }
  const dataset = opts.dataset === undefined ? undefined : checkDataset(opts);
  if (dataset) await checkOutFile(dataset.out, '--out', ['.dynenc']);
  if (opts.plot !== undefined) await checkOutFile(opts.plot, '--plot');
  const analytic = sys.sigmaLambda?.(params);
  const epsilon = parseNumber('--epsilon', opts.epsilon, (v) =>
    v >= 0 ? undefined : 'ε must be ≥ 0',
  );
  const result: Record<string, unknown> = { system: sys.name, params, h, tmax, steps };
  const text: string[] = [];

  if (opts.lyapunov) {
    const a = analyseMode(sys, params, {
      h,
      tmax,
      epsilon,
      qrEvery: parseInteger('--qr-every', opts.qrEvery, 1),
      ...(opts.lyapTime !== undefined ? { time: positive('--lyap-time', opts.lyapTime) } : {}),
      ...(opts.lyapTransient !== undefined
        ? {
            transient: parseNumber('--lyap-transient', opts.lyapTransient, (v) =>
              v >= 0 ? undefined : 'must be ≥ 0',
            ),
          }
        : {}),
    });
    if (a.window.note) log(`encode: ${a.window.note}`);
    const { system: _s, params: _p, ...rest } = a;
    Object.assign(result, rest);
    text.push(formatAnalysis(a));
  } else if (analytic !== undefined) {
    Object.assign(result, {
      sigmaLambda: analytic,
      mode: classifyMode(analytic, epsilon),
      epsilon,
    });
    text.push(
      `Σλ = ${analytic} from the equations (constant trace): ${classifyMode(analytic, epsilon)}`,
    );
  }

  if (dataset) {
    const spec: EncoderSpec = {
      system: sys.name,
      params,
      h,
      tmax,
      numSteps: steps,
      nFeatures: dataset.reducer.nComponents,
      sigmaLambda: analytic ?? Number.NaN,
      reducer: dataset.reducer,
    };
    log(`encode: ${opts.dataset} with ${sys.name}, reducer ${dataset.reducer.kind}`);
    const enc = await encodeMnist(sys, spec, { ...dataset.limits, onProgress: log });
    const bytes = await writeEncodedDataset(
      dataset.out,
      { train: enc.train, test: enc.test },
      spec,
      enc.source,
    );
    result.dataset = {
      file: dataset.out,
      bytes,
      nTrain: enc.train.n,
      nTest: enc.test.n,
      steps,
      channels: enc.train.channels,
      seconds: enc.seconds,
    };
    text.push(
      `wrote ${dataset.out}: ${enc.train.n} train + ${enc.test.n} test samples × ` +
        `${steps} steps × ${enc.train.channels} channels (${bytes} bytes; ` +
        `encoding ${enc.seconds.encode.toFixed(2)} s)`,
    );
  }

  if (opts.plot !== undefined) {
    await writeFileAtomic(
      opts.plot,
      await renderTrajectorySvg({ sys, params, h, tmax, numSteps: steps, value }),
    );
    result.plot = opts.plot;
    text.push(`wrote ${opts.plot}`);
  }

  if (!opts.lyapunov && !dataset && opts.plot === undefined) {
    // The sample [f, 1] has max-abs 1, so feature 0 starts at exactly (f, 0.2f, −f).
    const spec: EncoderSpec = {
      system: sys.name,
      params,
      h,
      tmax,
      numSteps: steps,
      nFeatures: 2,
      sigmaLambda: analytic ?? NaN,
    };
    const enc = encodeFeatures(sys, spec, Float32Array.of(value, 1), 1);
    const rows = Array.from({ length: steps }, (_, s) =>
      Array.from(enc.data.subarray(6 * s, 6 * s + 3)),
    );
    Object.assign(result, { value, encoding: rows });
    text.push(formatEncoding(value, rows));
  }
  emit(json, result, () => text.join('\n'));
}

function positive(option: string, v: string): number {
  return parseNumber(option, v, (x) => (x > 0 ? undefined : `${option} must be > 0`));
}

function checkDataset(opts: EncodeOptions): {
  out: string;
  reducer: ReducerSpec;
  limits: { limitTrain?: number; limitTest?: number; workers?: number; cacheDir?: string };
} {
  const name = opts.dataset!;
  if (!(DATASETS as readonly string[]).includes(name)) {
    const near = didYouMean(name, DATASETS);
    throw new DynalignError('E_USAGE', 'unknown dataset', {
      field: '--dataset',
      value: name,
      fix: near ? `did you mean '${near}'?` : `use ${DATASETS.join(', ')}`,
    });
  }
  if (opts.out === undefined) {
    throw new DynalignError('E_USAGE', '--dataset needs an output file', {
      field: '--out',
      fix: 'add --out mnist-encoded.dynenc',
    });
  }
  if (opts.reducer !== 'umap' && opts.reducer !== 'pca') {
    throw new DynalignError('E_USAGE', 'unknown reducer', {
      field: '--reducer',
      value: opts.reducer,
      fix: 'use umap or pca',
    });
  }
  const int = (o: string, v: string | undefined, min: number): number | undefined =>
    v === undefined ? undefined : parseInteger(o, v, min);
  const reducer: ReducerSpec = {
    kind: opts.reducer,
    nComponents: int('--components', opts.components, 1)!,
    seed: int('--seed', opts.seed, 0)!,
  };
  const limits = {
    limitTrain: int('--limit-train', opts.limitTrain, 1),
    limitTest: int('--limit-test', opts.limitTest, 1),
    workers: int('--workers', opts.workers, 1),
    cacheDir: opts.cache ? defaultCacheDir() : undefined,
  };
  return { out: opts.out, reducer, limits };
}
