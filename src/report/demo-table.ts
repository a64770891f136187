// The demo's result as a plain-text table for the terminal.
import type { DemoResult } from '../demo/types.js';

/** Engineering notation for joules: 2.1 µJ, 730 µJ, 400 nJ. */
export function formatJoules(j: number): string {
  if (!Number.isFinite(j)) return 'n/a';
  const units: Array<[number, string]> = [
    [1, 'J'],
    [1e-3, 'mJ'],
    [1e-6, 'µJ'],
    [1e-9, 'nJ'],
    [1e-12, 'pJ'],
  ];
  for (const [scale, unit] of units) {
    if (Math.abs(j) >= scale) return `${(j / scale).toPrecision(3)} ${unit}`;
  }
  return `${(j / 1e-12).toPrecision(3)} pJ`;
}

const COLUMN_NAMES: Record<string, string> = {
  annEquivalent: 'ANN fp32',
  annWithSramReads: 'ANN+reads',
};

function pct(x: number): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(2)} %` : 'n/a';
}

function count(x: number): string {
  return x >= 1e4 ? x.toExponential(2) : x.toFixed(1);
}

/** One row per mode, one column per quantity; energy columns follow the targets run. */
export function formatDemoTable(r: DemoResult): string {
  const energyCols = Object.keys(r.modes[0]?.energyPerInferenceJ ?? {});
  const header = [
    'mode',
    'δ',
    'Σλ',
    'float acc',
    'int8 acc',
    'spikes/inf',
    'synops/inf',
    ...energyCols.map((c) => `E ${COLUMN_NAMES[c] ?? c}`),
  ];
  const rows = r.modes.map((m) => [
    m.mode,
    String(m.delta),
    String(m.sigmaLambda),
    pct(m.floatAccuracy),
    pct(m.quantizedAccuracy),
    count(m.spikesPerInference),
    count(m.synopsPerInference),
    ...energyCols.map((c) => formatJoules(m.energyPerInferenceJ[c] ?? Number.NaN)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  const perTarget = r.modes.flatMap((m) =>
    Object.entries(m.targets).map(
      ([t, row]) =>
        `  ${m.mode.padEnd(11)} ${t.padEnd(9)} acc ${pct(row.accuracy)}  ` +
        `E ${formatJoules(row.energy.energyPerInferenceJ)} ` +
        `[${formatJoules(row.energy.rangeJ[0])} – ${formatJoules(row.energy.rangeJ[1])}]` +
        (row.energy.latencyS !== undefined
          ? `  latency ${(row.energy.latencyS * 1e3).toPrecision(3)} ms`
          : ''),
    ),
  );
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    'per target (bit-exact emulation; energy modelled from counts × published per-op figures):',
    ...perTarget,
  ].join('\n');
}
