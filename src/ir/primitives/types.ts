// What every NIR primitive provides: its fields on the wire, its shape rule and its simulator.
// One file per primitive fills this in; the registry maps NIR type names to them.
import type { Discretisation, IrNode, NodeType } from '../model.js';
import type { NdArray } from '../tensor.js';

/** A tensor shape without a batch dimension, as NIR states it. */
export type Shape = number[];

/**
 * How a field is stored and checked:
 * - 'neuron': a float array with one value per neuron (0-d is broadcast to the neuron shape);
 * - 'tensor': a float array with its own layout (weight, bias);
 * - 'int': an integer or a tuple of integers (stride, dilation, groups, start_dim);
 * - 'padding': integers, or the text 'same' or 'valid';
 * - 'shape': a 1-D integer array naming a shape (Input/Output `shape`, Conv `input_shape`).
 */
export type FieldRole = 'neuron' | 'tensor' | 'int' | 'padding' | 'shape';

export interface FieldSpec {
  /** NIR's field name, verbatim. */
  name: string;
  role: FieldRole;
  required: boolean;
  /** NIR's default for an absent field, built from the node's other fields. */
  fallback?: (node: IrNode) => NdArray | undefined;
  /** The quantity, its symbol and unit. */
  doc: string;
}

/** A problem a primitive finds in one of its nodes (the caller adds the JSON pointer). */
export interface FieldIssue {
  field?: string;
  message: string;
  severity?: 'error' | 'warning';
}

/** Step settings of a simulation: NIR states none of them. */
export interface SimContext extends Discretisation {
  /** Signal value of one spike: 1 for 'unit' events, 1/dt for 'amplitude-over-dt'. */
  spikeValue: number;
}

/** One node's per-step simulator. */
export interface NodeRuntime {
  /** Advance one step: `input` is the sum of the incoming edges; write `output`. */
  step(input: Float64Array, output: Float64Array): void;
  /** State variables after the last step: v (membrane), i (synaptic current). */
  readonly state: Record<string, Float64Array>;
}

/** A NIR primitive: the registry drives I/O, inference and simulation through this. */
export interface Primitive {
  type: NodeType;
  /** What the node computes, in one line (the ODE for neurons). */
  summary: string;
  fields: readonly FieldSpec[];
  /** True when the node emits spikes. */
  spiking: boolean;
  /** The input shape the node's own fields fix; undefined when it comes from the edge. */
  inputShape(node: IrNode): Shape | undefined;
  /** Output shape for an input shape, or a sentence saying why there is none. */
  outputShape(node: IrNode, input: Shape): Shape | string;
  /** Checks beyond presence and kind of the fields. */
  check?(node: IrNode): FieldIssue[];
  /** The per-step simulator of a node whose shapes were inferred. */
  instantiate(node: IrNode, shapes: { input: Shape; output: Shape }, ctx: SimContext): NodeRuntime;
}
