// A PyNN network for sPyNNaker, at two levels: the float parameters the PyNN script passes
// (mV, nF, ms, nA) and the integers the board derives from them (docs/spinnaker.md §1.2–§1.7).

/** sPyNNaker current-based LIF cells dynalign emits (docs §1.5). */
export type CellType = 'IF_curr_delta' | 'IF_curr_exp';
export const CELL_TYPES: readonly CellType[] = ['IF_curr_delta', 'IF_curr_exp'];

/** Receptor index 0 is excitatory, 1 inhibitory; the inhibitory state is subtracted (§1.5). */
export type Receptor = 'excitatory' | 'inhibitory';

/** PyNN parameters of a population, one value per neuron, in PyNN units. */
export interface PopulationParams {
  tau_m: Float64Array;
  cm: Float64Array;
  v_rest: Float64Array;
  v_reset: Float64Array;
  v_thresh: Float64Array;
  tau_refrac: Float64Array;
  i_offset: Float64Array;
  v_init: Float64Array;
  /** Exponential synapses only (IF_curr_exp). */
  tau_syn_E?: Float64Array;
  tau_syn_I?: Float64Array;
}

/** The PyNN parameters every population has, in manifest order. */
export const PARAM_NAMES = [
  'tau_m',
  'cm',
  'v_rest',
  'v_reset',
  'v_thresh',
  'tau_refrac',
  'i_offset',
  'v_init',
] as const;

export interface SpinnPopulation {
  /** PyNN label: a safe identifier made by dynalign, never the model's own name. */
  label: string;
  /** The IR neuron node this population implements (untrusted text; data only). */
  source: string;
  size: number;
  cell: CellType;
  /** mV of V per model unit of membrane potential (thresholds, weights and bias follow it). */
  vScale: number;
  params: PopulationParams;
  /**
   * Pipeline lag in ticks: every projection adds at least one tick, so chain layer k sees step s
   * at tick s + k·delay. Before it the layer is idle, so its bias cannot be i_offset (on from
   * tick 0): it is a DCSource per neuron, on from this tick.
   */
  lag: number;
  /** Amplitude of each neuron's bias DCSource in nA (0: no source). */
  bias: Float64Array;
}

/** One PyNN Projection with a FromListConnector; index -1 as `pre` is the host spike source. */
export interface SpinnProjection {
  label: string;
  pre: number;
  post: number;
  receptor: Receptor;
  preIndex: Int32Array;
  postIndex: Int32Array;
  /** Magnitudes in nA; sPyNNaker drops the sign, the receptor decides (docs §1.6, §6.1). */
  weight: Float64Array;
  /** Delays in ms. */
  delay: Float64Array;
}

/** How the analog first layer reaches the board. */
export type InputMode = 'current' | 'spikes';

export interface SpinnNetwork {
  timestepMs: number;
  cell: CellType;
  inputMode: InputMode;
  /** Size of the host spike source (inputMode 'spikes'), else 0. */
  sourceSize: number;
  populations: SpinnPopulation[];
  projections: SpinnProjection[];
  /** Steps of the source model per inference. */
  steps: number;
}

/** Per-sample drive: currents into population 0, or spikes of the host source. */
export interface Stimulus {
  /** [steps][population 0 size] in nA, applied at ticks 0 … steps−1, then 0. */
  currents?: Float64Array;
  /** Host spike source: per tick, the neuron indices that fire. */
  sourceSpikes?: Int32Array[];
}

/** Integer form of a population: the bits the host sends and what the chip derives (§1.2–1.3). */
export interface FixedPopulation {
  size: number;
  cell: CellType;
  vInit: Int32Array;
  vRest: Int32Array;
  vReset: Int32Array;
  vThresh: Int32Array;
  iOffset: Int32Array;
  /** DCSource amplitudes, added as current from tick `lag` on (docs §1.4, current_source_dc). */
  bias: Int32Array;
  lag: number;
  r: Int32Array;
  expTc: Int32Array;
  tRefract: Int32Array;
  /** kdivk(1, dt) for the delta input type. */
  deltaScale: number;
  /** u0.32 decay and init per receptor and neuron (exponential synapses). */
  synDecay: [Float64Array, Float64Array];
  synInit: [Float64Array, Float64Array];
  /** Left shift per receptor (docs §1.6). */
  shifts: [number, number];
  /** Ring buffer slots: a power of two above every delay (docs §1.6–1.7). */
  ringSlots: number;
}

export interface FixedProjection {
  w16: Uint16Array;
  delayTicks: Int32Array;
}

export interface FixedNetwork {
  timestepBits: number;
  populations: FixedPopulation[];
  projections: FixedProjection[];
}
