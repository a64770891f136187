// Target-specific flags of `dynalign compile|emulate --target spinnaker`, checked once here.
import { DynalignError, didYouMean } from '../../../src/util/errors.js';
import { CELL_TYPES, type CellType, type InputMode } from '../network/types.js';

/** sPyNNaker's per-core cap for its neuron models (docs §2: POP_TABLE_MAX_ROW_LENGTH). */
export const MAX_NEURONS_PER_CORE = 256;
/** PyNN backends run_pynn.py imports: the board, or a simulator for a dry run. */
export const BACKENDS = ['spiNNaker', 'brian2', 'nest'] as const;
export type Backend = (typeof BACKENDS)[number];

export interface SpinnakerOptions {
  /** Machine time step in ms (docs §1.7: default 1 ms). */
  timestep: number;
  neuronsPerCore: number;
  boards: number;
  inputMode: InputMode;
  cell: CellType;
  /** Synaptic time constant for IF_curr_exp, ms. */
  tauSyn: number;
  /** Synaptic delay of every projection, ms. */
  delay: number;
  /** mV per model unit of membrane potential; 'auto' picks it from the inputs (prepare.ts). */
  vScale: number | 'auto';
  tauRefrac: number;
  /**
   * Longest tau_m emitted, ms. The chip computes alpha = I·R with R ≈ tau_m, so a β near 1 (an
   * almost leak-free neuron) would overflow s16.15; such β are clamped to e^(−dt/maxTauM).
   */
  maxTauM: number;
  /** Largest share of a projection's weights allowed to round to 0 before compile refuses. */
  maxZeroedShare: number;
  backend: Backend;
  /** How many of the given inputs to ship (compile); all by default. */
  samples?: number;
  /** Emulate: write the emulated spikes here (dynalign spike CSV, the shared --record flag). */
  record?: string;
  /** Emulate: compare with spikes recorded on a board or simulator (spike CSV). */
  compareSpikes?: string;
}

/** What each option is when not given; defaults follow sPyNNaker where it has one. */
export const DEFAULT_OPTIONS: SpinnakerOptions = {
  timestep: 1,
  neuronsPerCore: MAX_NEURONS_PER_CORE,
  boards: 1,
  inputMode: 'current',
  cell: 'IF_curr_delta',
  tauSyn: 0.1,
  delay: 1,
  vScale: 'auto',
  tauRefrac: 0,
  maxTauM: 1024,
  maxZeroedShare: 0.25,
  backend: 'spiNNaker',
};

type Raw = Record<string, string | number | boolean>;

/** Flags `dynalign emulate` declares itself and also forwards; they are consumed there. */
const HANDLED_BY_VERB = ['input', 'limit', 'dataset', 'workers'];

function usage(field: string, value: unknown, fix: string): DynalignError {
  return new DynalignError('E_USAGE', 'invalid SpiNNaker option', {
    field: `--${kebab(field)}`,
    value,
    fix,
  });
}

function kebab(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function num(raw: Raw, key: string, min: number, max: number, integer = false): number | undefined {
  const v = raw[key];
  if (v === undefined) return undefined;
  const x = typeof v === 'number' ? v : Number(v);
  if (
    typeof v === 'boolean' ||
    !Number.isFinite(x) ||
    x < min ||
    x > max ||
    (integer && !Number.isInteger(x))
  ) {
    throw usage(key, v, `pass ${integer ? 'an integer' : 'a number'} in [${min}, ${max}]`);
  }
  return x;
}

function choice<T extends string>(raw: Raw, key: string, valid: readonly T[]): T | undefined {
  const v = raw[key];
  if (v === undefined) return undefined;
  if (typeof v === 'string' && (valid as readonly string[]).includes(v)) return v as T;
  const guess = typeof v === 'string' ? didYouMean(v, valid) : undefined;
  throw usage(key, v, `${guess ? `did you mean '${guess}'? ` : ''}valid: ${valid.join(', ')}`);
}

function path(raw: Raw, key: string): string | undefined {
  const v = raw[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '') throw usage(key, v, 'pass a file path');
  return v;
}

/** Parse and check the pass-through options; unknown names get a did-you-mean. */
export function parseOptions(raw: Raw = {}): SpinnakerOptions {
  const known = [...Object.keys(DEFAULT_OPTIONS), 'samples', 'record', 'compareSpikes'];
  for (const key of Object.keys(raw)) {
    if (known.includes(key) || HANDLED_BY_VERB.includes(key)) continue;
    if (key === 'trace') {
      throw new DynalignError(
        'E_USAGE',
        'membrane traces are not offered by the SpiNNaker target',
        {
          field: '--trace',
          fix: 'record spikes with --record FILE instead',
        },
      );
    }
    const guess = didYouMean(key, known);
    const valid = known.map((k) => `--${kebab(k)}`).join(', ');
    throw new DynalignError('E_USAGE', 'unknown SpiNNaker option', {
      field: `--${kebab(key)}`,
      fix: `${guess ? `did you mean --${kebab(guess)}? ` : ''}valid: ${valid}`,
    });
  }
  const d = DEFAULT_OPTIONS;
  const timestep = num(raw, 'timestep', 0.01, 100) ?? d.timestep;
  const o: SpinnakerOptions = {
    timestep,
    neuronsPerCore: num(raw, 'neuronsPerCore', 1, MAX_NEURONS_PER_CORE, true) ?? d.neuronsPerCore,
    boards: num(raw, 'boards', 1, 1200, true) ?? d.boards,
    inputMode: choice(raw, 'inputMode', ['current', 'spikes'] as const) ?? d.inputMode,
    cell: choice(raw, 'cell', CELL_TYPES) ?? d.cell,
    tauSyn: num(raw, 'tauSyn', 0.01, 1000) ?? d.tauSyn,
    // One tick unless asked otherwise: the shortest delay sPyNNaker has (docs §1.7).
    delay: num(raw, 'delay', 0, 10_000) ?? timestep,
    vScale: raw.vScale === 'auto' ? 'auto' : (num(raw, 'vScale', 1e-6, 1e4) ?? d.vScale),
    tauRefrac: num(raw, 'tauRefrac', 0, 1000) ?? d.tauRefrac,
    maxTauM: num(raw, 'maxTauM', 1, 16384) ?? d.maxTauM,
    maxZeroedShare: num(raw, 'maxZeroedShare', 0, 1) ?? d.maxZeroedShare,
    backend: choice(raw, 'backend', BACKENDS) ?? d.backend,
  };
  const samples = num(raw, 'samples', 0, 1e7, true);
  if (samples !== undefined) o.samples = samples;
  const record = path(raw, 'record');
  if (record !== undefined) o.record = record;
  const compareSpikes = path(raw, 'compareSpikes');
  if (compareSpikes !== undefined) o.compareSpikes = compareSpikes;
  return o;
}
