// One self-contained HTML page: the plots as inline SVG and the tables behind them.
import type { DemoResult } from '../demo/types.js';
import { formatJoules } from './demo-table.js';
import {
  accuracyChart,
  energyChart,
  landscapeChart,
  rasterChart,
  renderSvg,
  type LandscapePoint,
  type RasterEvent,
} from './plots.js';
import { TOOL_VERSION } from '../util/version.js';

export interface ReportInput {
  demo: DemoResult;
  /** Sweep points (mean over runs) for the mode landscape; the demo's two modes when absent. */
  sweep?: LandscapePoint[];
  /** One input's spikes per mode. */
  rasters?: Array<{ mode: string; events: RasterEvent[] }>;
}

const ENERGY_HEADER = [
  'mode',
  'target',
  'accuracy',
  'spikes',
  'synops',
  'energy',
  'range',
  'kind',
  'latency',
];

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function table(header: string[], rows: string[][]): string {
  const th = header.map((h) => `<th>${esc(h)}</th>`).join('');
  const trs = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>${trs}</tbody></table>`;
}

/** Render the report page. */
export async function renderReport(input: ReportInput): Promise<string> {
  const { demo } = input;

  // Plots.
  const energyPoints = demo.modes.flatMap((m) =>
    Object.entries(m.targets).map(([target, row]) => ({
      mode: m.mode,
      target,
      energyJ: row.energy.energyPerInferenceJ,
      lowJ: row.energy.rangeJ[0],
      highJ: row.energy.rangeJ[1],
    })),
  );
  const accPoints = demo.modes.flatMap((m) => [
    { mode: m.mode, run: 'float', accuracy: m.floatAccuracy },
    { mode: m.mode, run: 'int8', accuracy: m.quantizedAccuracy },
    ...Object.entries(m.targets).map(([t, row]) => ({
      mode: m.mode,
      run: t,
      accuracy: row.accuracy,
    })),
  ]);
  const landscape =
    input.sweep ??
    demo.modes.map((m) => ({
      sigmaLambda: m.sigmaLambda,
      accuracy: m.floatAccuracy,
      spikes: m.spikesPerInference,
    }));
  const svgs: Array<[string, string]> = [
    ['Mode landscape', await renderSvg(landscapeChart(landscape))],
    ['Energy per inference', await renderSvg(energyChart(energyPoints))],
    ['Accuracy', await renderSvg(accuracyChart(accPoints))],
  ];
  const rasters = input.rasters ?? demo.modes.map((m) => ({ mode: m.mode, events: m.raster }));
  for (const r of rasters) {
    svgs.push([
      `Spike raster, ${r.mode}`,
      await renderSvg(rasterChart(r.events, `One test input, ${r.mode} mode`)),
    ]);
  }

  // Tables.
  const rows = demo.modes.flatMap((m) =>
    Object.entries(m.targets).map(([t, row]) => [
      m.mode,
      t,
      `${(100 * row.accuracy).toFixed(2)} %`,
      row.perInference.spikes.toFixed(1),
      (row.perInference.synops + row.perInference.macs).toExponential(3),
      formatJoules(row.energy.energyPerInferenceJ),
      `${formatJoules(row.energy.rangeJ[0])} – ${formatJoules(row.energy.rangeJ[1])}`,
      row.energy.kind,
      row.energy.latencyS === undefined
        ? 'n/a'
        : `${(row.energy.latencyS * 1e3).toPrecision(3)} ms`,
    ]),
  );
  const perOp = demo.modes.flatMap((m) =>
    Object.entries(m.targets).flatMap(([t, row]) =>
      row.energy.terms.map((term) => [
        m.mode,
        t,
        term.count,
        term.n.toExponential(3),
        term.figure,
        `${term.perOpJ.toExponential(3)} J`,
        formatJoules(term.energyJ),
      ]),
    ),
  );
  const figures = svgs
    .map(([cap, svg]) => `<figure class="plot"><figcaption>${esc(cap)}</figcaption>${svg}</figure>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>dynalign report</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px}
table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
th{background:#f3f3f3}figure{margin:1.5em 0}figcaption{font-weight:600;margin-bottom:.5em}
</style></head><body>
<h1>dynalign report</h1>
<p>dynalign ${esc(TOOL_VERSION)}; ${demo.modes.length} modes; counts from bit-exact emulation of
the test split; energy modelled as counts × published per-operation energies plus static power ×
latency. Generated ${esc(new Date().toISOString())}.</p>
${figures}
<h2>Energy per inference per target and mode</h2>
${table(ENERGY_HEADER, rows)}
<h2>Counts and per-operation figures used</h2>
${table(['mode', 'target', 'count', 'per inference', 'figure', 'J per op', 'energy'], perOp)}
</body></html>
`;
}
