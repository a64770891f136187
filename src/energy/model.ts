// Energy per inference = Σ count × energy per operation + static power × units × time per
// inference, units being the chips a network occupies (1 when the target reports none).
import type { EmulationResult } from '../emulator/result.js';
import type { CountName, EnergyTable } from './table.js';

/** Operation counts of one inference (averages over a run), and the chips it occupies. */
export type Counts = Partial<Record<CountName, number>> & {
  /** Chips drawing the static power figure, which is per chip (SpiNNaker: chipPowerW). */
  chips?: number;
};

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
  /** How many times the static power figure was drawn (chips); 1 unless the target says. */
  staticUnits: number;
}

interface ReportedLayout {
  ticksPerInference?: unknown;
  placement?: { chips?: unknown };
}

/** A positive integer a target reported in `extra`, or undefined. */
function reported(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isInteger(x) && x > 0 ? x : undefined;
}

/**
 * The counts to model one inference from: the run's per-inference operations, the time steps an
 * inference really lasts (a target's ticks, pipeline lag included, when it reports them) and the
 * chips its placement uses (extra.placement.chips), so static power is paid by every chip.
 */
export function energyCounts(
  res: EmulationResult,
  perInference: Counts,
  steps: number,
): Counts {
  const extra = (res.extra ?? {}) as ReportedLayout;
  const ticks = reported(extra.ticksPerInference);
  const chips = reported(extra.placement?.chips);
  return { ...perInference, steps: ticks ?? steps, ...(chips ? { chips } : {}) };
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
  const staticUnits = counts.chips ?? 1;
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
      staticJ = p.value * staticUnits * latencyS;
      value += staticJ;
      low += lo * staticUnits * latencyS;
      high += hi * staticUnits * latencyS;
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
    staticUnits,
  };
}
