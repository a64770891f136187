// Vega-Lite charts rendered to SVG strings in Node (no browser, no network).
import * as vl from 'vega-lite';
import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** Compile a Vega-Lite spec and render it headless to SVG. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

export interface EnergyPoint {
  mode: string;
  target: string;
  energyJ: number;
  lowJ: number;
  highJ: number;
}

/** Energy per inference per target, one bar per mode, with the sources' range as error bars. */
export function energyChart(points: EnergyPoint[]): TopLevelSpec {
  // Linear scales per target (they differ by orders of magnitude, so each facet has its own);
  // Vega draws NaN rules on a log scale whose bars start at zero.
  const y = {
    field: 'energyJ',
    type: 'quantitative',
    title: 'J / inference',
    axis: { format: '.2~e' },
  };
  return {
    $schema: SCHEMA,
    title: 'Energy per inference (modelled; bars: best estimate, whiskers: published range)',
    data: { values: points },
    facet: { column: { field: 'target', type: 'nominal', title: null } },
    spec: {
      width: 140,
      height: 220,
      layer: [
        {
          mark: 'bar',
          encoding: {
            x: { field: 'mode', type: 'nominal', title: null },
            y,
            color: { field: 'mode', type: 'nominal' },
          },
        },
        {
          mark: { type: 'rule', color: 'black' },
          encoding: {
            x: { field: 'mode', type: 'nominal' },
            y: { field: 'lowJ', type: 'quantitative' },
            y2: { field: 'highJ' },
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}

export interface AccuracyPoint {
  mode: string;
  run: string;
  accuracy: number;
}

// Accuracy axes show at least 10 points of accuracy around the data, so equal values do not
// collapse the axis to one tick; the pad is a readability choice, the clamp is the range [0, 1].
const ACCURACY_MIN_SPAN = 0.1;

/** An accuracy axis domain: the data padded to a readable span, clamped to [0, 1]. */
export function accuracyDomain(values: readonly number[]): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [0, 1];

  // Pad each side by 10 % of the spread, and widen to the minimum span around the middle.
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const pad = Math.max((hi - lo) * 0.1, (ACCURACY_MIN_SPAN - (hi - lo)) / 2, 0);
  let from = lo - pad;
  let to = hi + pad;

  // Keep the span when a side hits 0 or 1 by moving it to the other side.
  if (from < 0) [from, to] = [0, Math.min(1, to - from)];
  if (to > 1) [from, to] = [Math.max(0, from - (to - 1)), 1];
  return [from, to];
}

/** Float versus quantised accuracy per target, grouped by mode. */
export function accuracyChart(points: AccuracyPoint[]): TopLevelSpec {
  const domain = accuracyDomain(points.map((p) => p.accuracy));
  return {
    $schema: SCHEMA,
    title: 'Test accuracy: float, generic int8 and each target’s emulation',
    data: { values: points },
    width: 360,
    height: 200,
    mark: 'bar',
    encoding: {
      x: { field: 'run', type: 'nominal', title: null, sort: null },
      xOffset: { field: 'mode' },
      y: {
        field: 'accuracy',
        type: 'quantitative',
        scale: { domain, clamp: true },
        axis: { format: '%' },
      },
      color: { field: 'mode', type: 'nominal' },
    },
  } as TopLevelSpec;
}

export interface LandscapePoint {
  sigmaLambda: number;
  accuracy: number;
  accuracyStd?: number;
  spikes: number;
  spikesStd?: number;
}

/** The mode landscape: accuracy and spikes per inference against Σλ. */
export function landscapeChart(points: LandscapePoint[]): TopLevelSpec {
  const x = { field: 'sigmaLambda', type: 'quantitative', title: 'Σλ' };
  const accuracy = { domain: accuracyDomain(points.map((p) => p.accuracy)), clamp: true };
  const panel = (field: string, title: string) => ({
    width: 280,
    height: 200,
    mark: { type: 'line', point: true },
    encoding: {
      x,
      y: {
        field,
        type: 'quantitative',
        title,
        scale: field === 'accuracy' ? accuracy : { zero: false },
      },
    },
  });
  return {
    $schema: SCHEMA,
    title: 'Mode landscape: accuracy and spikes against the phase-space volume rate Σλ',
    data: { values: points },
    hconcat: [panel('accuracy', 'test accuracy'), panel('spikes', 'spikes / inference')],
  } as TopLevelSpec;
}

export interface RasterEvent {
  step: number;
  layer: string;
  neuron: number;
}

/** Spike raster of one input, one panel per layer. */
export function rasterChart(events: RasterEvent[], title: string): TopLevelSpec {
  return {
    $schema: SCHEMA,
    title,
    data: { values: events },
    facet: { column: { field: 'layer', type: 'nominal', title: null } },
    spec: {
      width: 110,
      height: 220,
      mark: { type: 'tick', orient: 'horizontal', thickness: 1 },
      encoding: {
        x: { field: 'step', type: 'ordinal', title: 'step' },
        y: { field: 'neuron', type: 'quantitative', title: 'neuron' },
      },
    },
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}
