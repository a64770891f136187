// Vega-Lite chart of a sweep: test accuracy and spikes per inference against Σλ, mean of the
// runs with ± one standard deviation, the ANN baseline's accuracy beside the SNN's.
import type { TopLevelSpec } from 'vega-lite';
import type { SettingStats } from './sweep-stats.js';

/** Two panels sharing the Σλ axis; rendered to SVG by the report module. */
export function sweepChart(rows: SettingStats[], title: string): TopLevelSpec {
  const values = rows.map((r) => ({
    ...r,
    accLow: r.accuracyMean - r.accuracyStd,
    accHigh: r.accuracyMean + r.accuracyStd,
    spikesLow: r.spikesMean === null ? null : r.spikesMean - (r.spikesStd ?? 0),
    spikesHigh: r.spikesMean === null ? null : r.spikesMean + (r.spikesStd ?? 0),
  }));
  // A symmetric log axis keeps the sweep's points near Σλ = 0 apart next to Σλ = −20.
  const x = {
    field: 'sigmaLambda',
    type: 'quantitative',
    title: 'Σλ = −2δ (symlog)',
    scale: { type: 'symlog' },
  };
  const color = { field: 'arch', type: 'nominal', title: 'network' };
  const panel = (mean: string, low: string, high: string, title: string, snnOnly: boolean) => ({
    width: 300,
    height: 220,
    ...(snnOnly ? { transform: [{ filter: "datum.arch === 'snn'" }] } : {}),
    layer: [
      {
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y: { field: mean, type: 'quantitative', title, scale: { zero: false } },
          color,
        },
      },
      {
        mark: 'rule',
        encoding: { x, y: { field: low, type: 'quantitative' }, y2: { field: high }, color },
      },
    ],
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    data: { values },
    hconcat: [
      panel('accuracyMean', 'accLow', 'accHigh', 'test accuracy', false),
      panel('spikesMean', 'spikesLow', 'spikesHigh', 'spikes / inference (SNN)', true),
    ],
  } as TopLevelSpec;
}
