// Energy per inference = Σ count × energy per operation + static power × time per inference.
import type { CountName, EnergyTable } from './table.js';

/** Operation counts of one inference (averages over a run). */
export type Counts = Partial<Record<CountName, number>>;

export interface EnergyTerm {
  count: CountName;
  figure: string;
  n: number;
  perOpJ: number;
  energyJ: number;
}

export interface EnergyEstimate {
  target: string;
  /** Best estimate and the span the sources allow. */
  energyPerInferenceJ: number;
  rangeJ: [number, number];
  kind: 'modelled' | 'measured';
  latencyS?: number;
  counts: Counts;
  perOpJ: Record<string, number>;
  terms: EnergyTerm[];
  staticJ: number;
}

/** Model the energy of one inference from counts and a target's energy table. */
export function estimateEnergy(table: EnergyTable, counts: Counts): EnergyEstimate {
  const perOpJ: Record<string, number> = {};
  const terms: EnergyTerm[] = [];
  let value = 0;
  let low = 0;
  let high = 0;

  // Dynamic part: every term is a count times its figure (and the figure's published range).
  for (const t of table.terms) {
    const fig = table.figures[t.figure]!;
    const n = counts[t.count] ?? 0;
    perOpJ[t.figure] = fig.value;
    const [lo, hi] = fig.range ?? [fig.value, fig.value];
    terms.push({ count: t.count, figure: t.figure, n, perOpJ: fig.value, energyJ: n * fig.value });
    value += n * fig.value;
    low += n * lo;
    high += n * hi;
  }

  // Static part: power × time, the time from cycles and clock, or from steps and step length.
  let latencyS: number | undefined;
  let staticJ = 0;
  const st = table.static;
  if (st) {
    if (st.clockHzFigure && counts.cycles !== undefined) {
      latencyS = counts.cycles / table.figures[st.clockHzFigure]!.value;
    } else if (st.stepSecondsFigure && counts.steps !== undefined) {
      latencyS = counts.steps * table.figures[st.stepSecondsFigure]!.value;
    }
    if (latencyS !== undefined) {
      const p = table.figures[st.powerFigure]!;
      perOpJ[st.powerFigure] = p.value;
      const [lo, hi] = p.range ?? [p.value, p.value];
      staticJ = p.value * latencyS;
      value += staticJ;
      low += lo * latencyS;
      high += hi * latencyS;
    }
  }
  return {
    target: table.target,
    energyPerInferenceJ: value,
    rangeJ: [low, high],
    kind: 'modelled',
    ...(latencyS === undefined ? {} : { latencyS }),
    counts,
    perOpJ,
    terms,
    staticJ,
  };
}
