// Read a sweep summary (summary.json of `dynalign sweep`) as landscape points for the report.
import { readFile } from 'node:fs/promises';
import type { LandscapePoint } from './plots.js';
import { DynalignError } from '../util/errors.js';

interface SettingRow {
  arch?: unknown;
  sigmaLambda?: unknown;
  accuracyMean?: unknown;
  accuracyStd?: unknown;
  spikesMean?: unknown;
  spikesStd?: unknown;
}

/** The SNN settings of a sweep summary; any other format is a DynalignError naming the file. */
export async function readSweepSummary(file: string): Promise<LandscapePoint[]> {
  let parsed: { settings?: unknown };
  try {
    parsed = JSON.parse(await readFile(file, 'utf8')) as { settings?: unknown };
  } catch (cause) {
    throw new DynalignError('E_SWEEP_FORMAT', 'cannot read the sweep file as JSON', {
      file,
      fix: 'pass the summary.json written by `dynalign sweep`',
      cause,
    });
  }
  const rows = parsed.settings;
  if (!Array.isArray(rows)) {
    throw new DynalignError('E_SWEEP_FORMAT', 'sweep file has no `settings` array', {
      file,
      field: '/settings',
      fix: 'pass the summary.json written by `dynalign sweep`',
    });
  }
  const points: LandscapePoint[] = [];
  rows.forEach((r: SettingRow, i) => {
    if (r.arch !== undefined && r.arch !== 'snn') return;
    for (const key of ['sigmaLambda', 'accuracyMean', 'spikesMean'] as const) {
      if (typeof r[key] !== 'number') {
        throw new DynalignError('E_SWEEP_FORMAT', `setting lacks numeric ${key}`, {
          file,
          field: `/settings/${i}/${key}`,
          value: r[key],
          fix: 'pass the summary.json written by `dynalign sweep`',
        });
      }
    }
    points.push({
      sigmaLambda: r.sigmaLambda as number,
      accuracy: r.accuracyMean as number,
      spikes: r.spikesMean as number,
      ...(typeof r.accuracyStd === 'number' ? { accuracyStd: r.accuracyStd } : {}),
      ...(typeof r.spikesStd === 'number' ? { spikesStd: r.spikesStd } : {}),
    });
  });
  return points.sort((a, b) => a.sigmaLambda - b.sigmaLambda);
}
