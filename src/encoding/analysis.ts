// Mode analysis of an encoder: Lyapunov spectrum, Σλ with its trace cross-check, Kaplan–Yorke
// dimension and the dissipative / critical / expansive verdict.
import { DivergenceError } from './divergence.js';
import { lyapunovSpectrum, type LyapunovOptions } from './lyapunov.js';
import { classifyMode, MODE_EPSILON, type Mode } from './mode.js';
import type { Params, RegisteredSystem } from './system.js';

/** Long window for attractors: 100 time units discarded, 1000 averaged (λ1 of Lorenz ±0.02). */
export const LONG_WINDOW = { transient: 100, time: 1000 } as const;

/** Paper defaults of Benettin's method (paper.md §8): QR every 5 steps from (0.1, 0.1, 0.1). */
export const PAPER_QR_EVERY = 5;
export const PAPER_INITIAL: [number, number, number] = [0.1, 0.1, 0.1];

export interface AnalysisOptions {
  h: number;
  /** The encoding window, used when the long window runs away. */
  tmax: number;
  /** Explicit window; when either is given there is no fallback. */
  transient?: number;
  time?: number;
  qrEvery?: number;
  initial?: [number, number, number];
  epsilon?: number;
}

export interface ModeAnalysis {
  system: string;
  params: Params;
  lyapunov: [number, number, number];
  sigmaLambda: number;
  kaplanYorke: number;
  mode: Mode;
  epsilon: number;
  /** Time average of tr J on the same orbit, and Σλ from the equations when it is constant. */
  traceMean: number;
  analyticSigmaLambda: number | null;
  window: LyapunovOptions & { kind: 'long' | 'encoding' | 'explicit'; note?: string };
}

/**
 * Analyse one system. Without an explicit window the long window is tried first; an orbit that
 * runs away there (expansive settings grow without bound) is measured on the encoding window
 * [0, tmax] instead, as the paper's code does, and the result says so.
 */
export function analyseMode(sys: RegisteredSystem, p: Params, o: AnalysisOptions): ModeAnalysis {
  const base = {
    h: o.h,
    qrEvery: o.qrEvery ?? PAPER_QR_EVERY,
    initial: o.initial ?? PAPER_INITIAL,
  };
  const explicit = o.transient !== undefined || o.time !== undefined;
  const first = explicit
    ? { ...base, transient: o.transient ?? 0, time: o.time ?? o.tmax }
    : { ...base, ...LONG_WINDOW };
  let kind: ModeAnalysis['window']['kind'] = explicit ? 'explicit' : 'long';
  let note: string | undefined;
  let r;
  try {
    r = lyapunovSpectrum(sys, p, first);
  } catch (err) {
    if (explicit || !(err instanceof DivergenceError)) throw err;
    kind = 'encoding';
    note =
      `the orbit ran away at t = ${err.blowUp.t.toFixed(2)} on the long window; ` +
      `spectrum taken over the encoding window [0, ${o.tmax}]`;
    r = lyapunovSpectrum(sys, p, { ...base, transient: 0, time: o.tmax });
  }
  const epsilon = o.epsilon ?? MODE_EPSILON;
  return {
    system: sys.name,
    params: p,
    lyapunov: r.exponents,
    sigmaLambda: r.sigmaLambda,
    kaplanYorke: r.kaplanYorke,
    mode: classifyMode(r.sigmaLambda, epsilon),
    epsilon,
    traceMean: r.traceMean,
    analyticSigmaLambda: sys.sigmaLambda?.(p) ?? null,
    window: { ...r.options, kind, ...(note ? { note } : {}) },
  };
}
