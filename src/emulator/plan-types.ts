// The emulator's execution plan: each node of the ordered graph with its operation in the numeric
// form of one profile (float64 values, or integers read from the node's quantisation).
import type { NodeType } from '../ir/model.js';
import type { NumericProfile } from '../quantize/profile.js';
import type { NeuronCoeffs } from './coeffs.js';
import type { Window2d } from './shapes.js';
import type { RowsArena } from './wasm/arena.js';

/** A vector of values on an edge: float64 (float profile) or int32 (integer profiles). */
export type Vec = Float64Array | Int32Array;
/** Stored weights: float64, or the narrowest integer array that holds the profile's weights. */
export type Weights = Float64Array | Int8Array | Int16Array | Int32Array;

export interface InputOp {
  kind: 'input';
  /** Integer profiles: real value of one input unit, and the input width in bits. */
  scale: number;
  bits: number;
  /** Per-channel power-of-two steps (channel scaling, src/quantize/input-scale.ts), or null. */
  shifts: Int32Array | null;
  /** Largest exponent of the mantissa·2^e input form; 0 for plain integers. */
  exponentMax: number;
}
export interface PassOp {
  kind: 'pass';
}
/** y = W x (+ b), weights transposed to [nIn][stride]: one event reads one contiguous row. */
export interface DenseOp {
  kind: 'dense';
  nIn: number;
  nOut: number;
  /** Row length in wt: nOut, or nOut padded to 16 for the SIMD path (padding weights are 0). */
  stride: number;
  wt: Weights;
  /** Where the int8 rows live in the plan's WebAssembly arena, when the SIMD path is on. */
  wasm?: { arena: RowsArena; ptr: number };
  bias: Vec | null;
  /** Power-of-two shift of the integer sum (negative: left); 0 for float. */
  shift: number;
}
export interface ConvOp {
  kind: 'conv';
  win: Window2d;
  /** [cOut][cIn/groups][kh][kw] as NIR stores it. */
  w: Weights;
  bias: Vec | null;
  shift: number;
}
export interface PoolOp {
  kind: 'pool';
  win: Window2d;
  /** Float AvgPool divides by the window area; integer AvgPool keeps the sum (unit folded). */
  divide: number;
}
export interface ScaleOp {
  kind: 'scale';
  s: Vec;
  shift: number;
}
export interface DelayOp {
  kind: 'delay';
  /** Delay of each element in steps (round(delay/dt)). */
  d: Int32Array;
  maxD: number;
}
/** A synapse stage (profile.synapseStage): connection rows by presynaptic neuron and a ring. */
export interface RingOp {
  kind: 'ring';
  nIn: number;
  nOut: number;
  receptors: number;
  /** Ring slots (a power of two); every delay lies in [1, slots]. */
  slots: number;
  /** Left shift of each receptor's entries as they leave the ring. */
  shift: Int32Array;
  entryMax: number;
  /** rowPtr[i] … rowPtr[i+1]: the synapses of presynaptic neuron i. */
  rowPtr: Int32Array;
  post: Int32Array;
  weight: Int32Array;
  delay: Int32Array;
  receptor: Int32Array;
}
export interface ThresholdOp {
  kind: 'threshold';
  thr: Vec;
}
export interface NeuronFloatOp {
  kind: 'neuron-float';
  c: NeuronCoeffs;
}
export interface NeuronIntOp {
  kind: 'neuron-int';
  spiking: boolean;
  cuba: boolean;
  /** Decay of v and i: multiplier (multiply-shift, table) or shift k (shift; −1 = no leak). */
  vDecay: Int32Array;
  iDecay: Int32Array;
  bias: Int32Array;
  thr: Int32Array;
  vReset: Int32Array;
  /** The parameters a target's neuron kernel reads (profile.neuronKernel), by name. */
  kernel?: Record<string, Int32Array>;
}

export type Op =
  | InputOp
  | PassOp
  | DenseOp
  | RingOp
  | ConvOp
  | PoolOp
  | ScaleOp
  | DelayOp
  | ThresholdOp
  | NeuronFloatOp
  | NeuronIntOp;

export interface PlanNode {
  name: string;
  type: NodeType;
  shape: number[];
  size: number;
  op: Op;
  /** Incoming edges: index of the source node and whether it delivers the previous step. */
  inputs: Array<{ src: number; recurrent: boolean }>;
  /** Whether the output is binary spikes (drives synops) rather than graded values (MACs). */
  spiking: boolean;
  /** Layer whose counts this node's work goes to (see Plan.layers); −1 for none. */
  layer: number;
}

/** A counted layer: a neuron (or Threshold) node, or a synaptic node with no neuron after it. */
export interface PlanLayer {
  name: string;
  neurons: number;
  node: number;
}

export interface Plan {
  profile: NumericProfile;
  integer: boolean;
  nodes: PlanNode[];
  layers: PlanLayer[];
  input: number;
  output: number;
  /** Width of one input frame. */
  channels: number;
  /** setOnNext: next-step zero reset sets v = v_reset and drops that step's input. */
  reset: { zero: boolean; sameStep: boolean; refractory: number; setOnNext?: boolean };
  /** Bytes held by weights and parameters of the plan (for the memory-per-synapse figure). */
  paramBytes: number;
  synapses: number;
}
