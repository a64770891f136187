// Aggregation of sweep runs: mean ± standard deviation of accuracy and spikes per setting,
// as JSON rows and as CSV.
import type { TrainSummary } from './run.js';

/** One finished run as appended to runs.jsonl. */
export interface SweepRun {
  key: string;
  delta: number;
  run: number;
  seed: number;
  arch: TrainSummary['arch'];
  summary: TrainSummary;
}

/** Mean ± std over the runs of one (δ, arch) setting. */
export interface SettingStats {
  system: string;
  delta: number;
  sigmaLambda: number;
  mode: string;
  arch: string;
  runs: number;
  accuracyMean: number;
  accuracyStd: number;
  spikesMean: number | null;
  spikesStd: number | null;
  epochsMean: number;
  trainSecondsMean: number;
}

/** Mean and sample standard deviation (n − 1; 0 for a single run). */
export function meanStd(xs: number[]): { mean: number; std: number } {
  const n = xs.length;
  if (n === 0) return { mean: Number.NaN, std: Number.NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, std: 0 };
  const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, std: Math.sqrt(v) };
}

/** Group runs by architecture and δ, ordered by Σλ. */
export function aggregateRuns(runs: SweepRun[]): SettingStats[] {
  const groups = new Map<string, SweepRun[]>();
  for (const r of runs) {
    const k = `${r.arch}|${r.delta}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const rows: SettingStats[] = [];
  for (const rs of groups.values()) {
    const s0 = rs[0]!.summary;
    const acc = meanStd(rs.map((r) => r.summary.accuracy));
    const spikes = rs.every((r) => r.summary.spikesPerInference !== null)
      ? meanStd(rs.map((r) => r.summary.spikesPerInference!))
      : null;
    rows.push({
      system: s0.system,
      delta: rs[0]!.delta,
      sigmaLambda: s0.sigmaLambda,
      mode: s0.mode,
      arch: rs[0]!.arch,
      runs: rs.length,
      accuracyMean: acc.mean,
      accuracyStd: acc.std,
      spikesMean: spikes?.mean ?? null,
      spikesStd: spikes?.std ?? null,
      epochsMean: meanStd(rs.map((r) => r.summary.epochs)).mean,
      trainSecondsMean: meanStd(rs.map((r) => r.summary.trainSeconds)).mean,
    });
  }
  return rows.sort((a, b) => a.sigmaLambda - b.sigmaLambda || a.arch.localeCompare(b.arch));
}

const COLUMNS: Array<keyof SettingStats> = [
  'system',
  'delta',
  'sigmaLambda',
  'mode',
  'arch',
  'runs',
  'accuracyMean',
  'accuracyStd',
  'spikesMean',
  'spikesStd',
  'epochsMean',
  'trainSecondsMean',
];

/** CSV with a header line; empty cells for the ANN's spikes. */
export function statsCsv(rows: SettingStats[]): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return (
    [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))].join('\n') +
    '\n'
  );
}
