// `dynalign sweep`: every (δ, run) setting trained in its own `dynalign train` process, up to
// `jobs` at a time. Each finished run is appended to runs.jsonl at once, so an interrupted
// sweep resumes where it stopped and never redoes a finished run.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSvg } from '../report/plots.js';
import { writeFileAtomic } from '../util/atomic.js';
import { DynalignError } from '../util/errors.js';
import { TOOL_NAME, TOOL_VERSION } from '../util/version.js';
import type { TrainSummary } from './run.js';
import { sweepChart } from './sweep-plot.js';
import { aggregateRuns, statsCsv, type SettingStats, type SweepRun } from './sweep-stats.js';

// The CLI entry run in this same Node with the tsx loader: one process per run, so that
// stopping the sweep stops its runs (bin/dynalign.js would add a wrapper process).
const MAIN = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

export interface SweepTask {
  key: string;
  delta: number;
  run: number;
  seed: number;
  arch: 'snn' | 'ann';
}

export interface SweepOptions {
  outDir: string;
  system: string;
  deltas: number[];
  runs: number;
  jobs: number;
  includeAnn: boolean;
  baseSeed: number;
  /** `dynalign train` flags shared by every run (encoder and training config). */
  trainArgs: string[];
  /** What makes two sweeps comparable; a folder holding another sweep is refused. */
  fingerprint: Record<string, unknown>;
  keepModels: boolean;
  /** Format of kept models: 'nirpb' unless it cannot record the encoder (save-trained.ts). */
  modelExtension?: 'nirpb' | 'json';
  onProgress?(line: string): void;
  /** Runs one training and returns its summary (a child process unless a test swaps it). */
  trainOne?(task: SweepTask, args: string[]): Promise<TrainSummary>;
}

export interface SweepResult {
  rows: SettingStats[];
  runs: SweepRun[];
  /** Runs found finished in runs.jsonl before this invocation. */
  resumed: number;
  ran: number;
  failed: Array<{ key: string; error: string }>;
  files: string[];
}

/**
 * Every task of a sweep, SNN runs first, in δ order.
 * LIMITATION: all runs share one reducer fit (seed --reducer-seed) and differ in network seed
 * only; the paper refits UMAP for every run, so its spread includes the reducer's.
 */
export function planTasks(
  o: Pick<SweepOptions, 'deltas' | 'runs' | 'includeAnn' | 'baseSeed'>,
): SweepTask[] {
  const archs: Array<'snn' | 'ann'> = o.includeAnn ? ['snn', 'ann'] : ['snn'];
  return archs.flatMap((arch) =>
    o.deltas.flatMap((delta) =>
      Array.from({ length: o.runs }, (_, run) => ({
        key: `${arch}:${delta}:${run}`,
        delta,
        run,
        seed: o.baseSeed + run,
        arch,
      })),
    ),
  );
}

/** Finished runs of a runs.jsonl; a line cut short by a kill is ignored. */
export async function readRuns(file: string): Promise<SweepRun[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const runs: SweepRun[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      runs.push(JSON.parse(line) as SweepRun);
    } catch {
      continue;
    }
  }
  return runs;
}

// A line cut short by a kill must not swallow the next run appended after it.
async function endWithNewline(file: string): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => '');
  if (text.length > 0 && !text.endsWith('\n')) await appendFile(file, '\n');
}

async function checkPlan(file: string, fingerprint: Record<string, unknown>): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  const wanted = JSON.stringify(fingerprint);
  if (text !== undefined && JSON.stringify(JSON.parse(text).fingerprint) !== wanted) {
    throw new DynalignError('E_SWEEP_MISMATCH', 'folder holds a sweep with other settings', {
      file,
      value: JSON.parse(text).fingerprint,
      fix: 'pass another --out, or the same settings to resume that sweep',
    });
  }
  const plan = { generator: `${TOOL_NAME} ${TOOL_VERSION} sweep; do not edit`, fingerprint };
  await writeFileAtomic(file, JSON.stringify(plan, null, 2) + '\n');
}

/** Run (or resume) a sweep, then write summary.json, summary.csv and sweep.svg. */
export async function runSweep(o: SweepOptions): Promise<SweepResult> {
  await mkdir(o.outDir, { recursive: true });
  await checkPlan(join(o.outDir, 'plan.json'), o.fingerprint);
  const runsFile = join(o.outDir, 'runs.jsonl');
  const done = await readRuns(runsFile);
  await endWithNewline(runsFile);
  const doneKeys = new Set(done.map((r) => r.key));
  const todo = planTasks(o).filter((t) => !doneKeys.has(t.key));
  o.onProgress?.(
    `sweep: ${done.length} runs already done, ${todo.length} to run, ${o.jobs} at a time`,
  );
  const trainOne = o.trainOne ?? spawnTrain;
  const failed: SweepResult['failed'] = [];
  const total = done.length + todo.length;
  let next = 0;
  let ran = 0;

  // A pool of `jobs` workers; each appends its run the moment it finishes.
  const worker = async () => {
    while (next < todo.length) {
      const t = todo[next++]!;
      const args = taskArgs(o, t);
      try {
        const summary = await trainOne(t, args);
        const { key, delta, run: index, seed, arch } = t;
        const run: SweepRun = { key, delta, run: index, seed, arch, summary };
        await appendFile(runsFile, JSON.stringify(run) + '\n');
        done.push(run);
        ran++;
        o.onProgress?.(
          `sweep: ${t.key} accuracy ${(100 * summary.accuracy).toFixed(2)}%` +
            (summary.spikesPerInference === null
              ? ''
              : `, ${summary.spikesPerInference.toFixed(0)} spikes`) +
            ` (${done.length}/${total})`,
        );
      } catch (err) {
        failed.push({ key: t.key, error: (err as Error).message });
        o.onProgress?.(`sweep: ${t.key} failed: ${(err as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.jobs) }, worker));

  const files = await writeOutputs(o, done);
  return { rows: aggregateRuns(done), runs: done, resumed: doneKeys.size, ran, failed, files };
}

function taskArgs(o: SweepOptions, t: SweepTask): string[] {
  const ext = o.modelExtension ?? 'nirpb';
  const model = join(o.outDir, 'models', `${t.arch}_d${t.delta}_r${t.run}.${ext}`);
  const save = t.arch === 'snn' && o.keepModels ? ['--out', model] : ['--no-save'];
  return [
    ...o.trainArgs,
    `--delta=${t.delta}`,
    '--seed',
    String(t.seed),
    '--arch',
    t.arch,
    ...save,
  ];
}

async function writeOutputs(o: SweepOptions, runs: SweepRun[]): Promise<string[]> {
  const rows = aggregateRuns(runs);
  const stamp = `${TOOL_NAME} ${TOOL_VERSION} sweep; generated, do not edit`;
  const title = `${o.system}: mean ± std over ${o.runs} runs per setting`;
  const files = {
    json: join(o.outDir, 'summary.json'),
    csv: join(o.outDir, 'summary.csv'),
    svg: join(o.outDir, 'sweep.svg'),
  };
  const summary = { generator: stamp, fingerprint: o.fingerprint, settings: rows };
  await writeFileAtomic(files.json, JSON.stringify(summary, null, 2) + '\n');
  await writeFileAtomic(files.csv, `# ${stamp}\n` + statsCsv(rows));
  if (rows.length > 0) {
    const svg = await renderSvg(sweepChart(rows, title));
    await writeFileAtomic(files.svg, svg.replace('<svg', `<!-- ${stamp} -->\n<svg`));
  }
  return Object.values(files);
}

// Training children still running: a sweep stopped by SIGINT/SIGTERM stops them too (a run cut
// short is simply run again on resume), so none is left training without its parent.
const children = new Set<ChildProcess>();

function stopChildren(signal: NodeJS.Signals): void {
  for (const c of children) c.kill(signal);
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

function watchChild(child: ChildProcess): void {
  if (children.size === 0) {
    process.once('SIGINT', stopChildren);
    process.once('SIGTERM', stopChildren);
  }
  children.add(child);
  child.once('exit', () => {
    children.delete(child);
    if (children.size > 0) return;
    process.off('SIGINT', stopChildren);
    process.off('SIGTERM', stopChildren);
  });
}

/** `dynalign train ... --json` in a child process; its summary is the last stdout object. */
function spawnTrain(_task: SweepTask, args: string[]): Promise<TrainSummary> {
  return new Promise((resolve, reject) => {
    const argv = ['--import', TSX, MAIN, 'train', ...args, '--json', '--quiet'];
    const child = spawn(process.execPath, argv, {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    watchChild(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0)
        return reject(new Error(`train exited ${code}: ${err.trim().split('\n').pop()}`));
      try {
        resolve(JSON.parse(out) as TrainSummary);
      } catch {
        reject(new Error('train printed no JSON summary'));
      }
    });
  });
}
