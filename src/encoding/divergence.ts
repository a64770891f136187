// The divergence guard: a trajectory that turns non-finite or leaves the runaway box is stopped
// and reported with where and when it happened, never passed on as encoded data.
import { DynalignError } from '../util/errors.js';
import type { Params } from './system.js';

/**
 * A state with |x| + |y| + |z| above this has run away. On the encoding window (tmax 8, h 0.01,
 * f in [−1, 1]) every paper system but Chen peaks below 100 with its defaults (Lorenz 84); the
 * most expansive paper setting, the mixed oscillator at δ = −1.5, peaks at 2.0e5; δ = −2
 * reaches 1.1e7 and is stopped (docs/encoding.md).
 */
export const RUNAWAY_LIMIT = 1e6;

/** True when the state is finite and inside the runaway box (NaN fails the comparison). */
export function isBounded(x: number, y: number, z: number): boolean {
  return Math.abs(x) + Math.abs(y) + Math.abs(z) <= RUNAWAY_LIMIT;
}

/** Where a blow-up happened. */
export interface BlowUp {
  system: string;
  params: Params;
  /** Time of the first state outside the box (or non-finite). */
  t: number;
  state: [number, number, number];
  /** Which computation: the encoder (with sample and feature) or a Lyapunov run. */
  context: 'encode' | 'lyapunov';
  sample?: number;
  feature?: number;
  /** The normalised feature value the trajectory started from. */
  value?: number;
  h: number;
  tmax: number;
}

/** A trajectory blew up: exit 2 with the system, parameters, time and a suggestion. */
export class DivergenceError extends DynalignError {
  readonly blowUp: BlowUp;

  constructor(b: BlowUp) {
    const where =
      b.context === 'encode'
        ? `sample ${b.sample}, feature ${b.feature} (value ${fmt(b.value ?? NaN)})`
        : 'the Lyapunov reference trajectory';
    const params = Object.entries(b.params)
      .map(([k, v]) => `${k}=${fmt(v)}`)
      .join(' ');
    const state = b.state.map(fmt).join(', ');
    super(
      'E_DIVERGED',
      `${b.system} (${params}) diverged at t = ${fmt(b.t)} in ${where}: ` + `state (${state})`,
      {
        field: b.context === 'encode' ? '--tmax' : '--lyap-time',
        value: b.context === 'encode' ? b.tmax : b.t,
        fix: suggestion(b),
      },
    );
    this.name = 'DivergenceError';
    this.blowUp = b;
  }
}

function fmt(v: number): string {
  return Number.isFinite(v) ? Number(v.toPrecision(6)).toString() : String(v);
}

function suggestion(b: BlowUp): string {
  const shorter = Math.max(b.h, Math.floor((b.t * 0.9) / b.h) * b.h);
  const tips = [
    b.context === 'encode'
      ? `use --tmax ${fmt(shorter)} or less`
      : `shorten the window (--lyap-transient 0 --lyap-time ${fmt(shorter)})`,
    `a smaller --h (now ${fmt(b.h)}) if the blow-up is numerical`,
  ];
  if (b.system === 'mixed-oscillator') tips.push('a larger delta (δ > 0 damps the orbit)');
  else if (b.system === 'chen') tips.push('the classic Chen parameters a=35 b=3 c=28');
  else tips.push('parameters closer to the defaults (dynalign encode --list)');
  return tips.join(', or ');
}
