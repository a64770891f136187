// 0-d neuron parameters (written by exporters given scalar β or threshold, snnTorch #410) made
// into arrays of the neuron shape, taken from the node's other fields or from a neighbour.
import type { IrGraph, IrNode } from './model.js';
import { IrError, nodePointer, pointerToken } from './errors.js';
import { type GraphTypes, validateGraph } from './infer.js';
import { neuronShape, numeric } from './primitives/fields.js';
import { isNodeType, primitiveOf } from './primitives/registry.js';
import type { Shape } from './primitives/types.js';
import { type NdArray, allocate, sizeOf } from './tensor.js';

/** A graph whose 0-d neuron fields are broadcast, and one note per node changed. */
export interface Broadcast {
  graph: IrGraph;
  notes: string[];
}

/** Broadcast every 0-d per-neuron field; throws when no neighbour fixes the neuron count. */
export function broadcastScalars(graph: IrGraph, path = '/graph'): Broadcast {
  const notes: string[] = [];
  const types = validateGraph(graph, path).types;
  return { graph: broadcastGraph(graph, types, path, notes, 0), notes };
}

function broadcastGraph(graph: IrGraph, types: GraphTypes, path: string, notes: string[],
  depth: number): IrGraph {
  const nodes: Record<string, IrNode> = {};
  for (const [name, node] of Object.entries(graph.nodes)) {
    const where = nodePointer(path, name);
    let out = node;
    if (node.graph && types.nested[name] && depth < 64) {
      out = { ...node, graph: broadcastGraph(node.graph, types.nested[name]!, `${where}/graph`,
        notes, depth + 1) };
    } else {
      out = broadcastNode(node, name, where, neighbourShape(graph, types, name), notes);
    }
    Object.defineProperty(nodes, name, { value: out, enumerable: true, writable: true,
      configurable: true });
  }
  return { ...graph, nodes };
}

function broadcastNode(node: IrNode, name: string, where: string, neighbour: Shape | undefined,
  notes: string[]): IrNode {
  if (!isNodeType(node.type)) return node;
  const fields = primitiveOf(node.type).fields
    .filter((f) => f.role === 'neuron')
    .map((f) => f.name);
  const scalars = fields.filter((f) => numeric(node, f)?.shape.length === 0);
  if (scalars.length === 0) return node;

  const shape = neuronShape(node, fields) ?? neighbour;
  if (!shape) {
    throw new IrError('E_SCALAR_PARAM', `${node.type} '${name}' has 0-d ${scalars.join(', ')} ` +
      'and no neighbour fixes its neuron count', `${where}/params/${pointerToken(scalars[0]!)}`,
      'store the parameters as arrays with one value per neuron');
  }
  const params = { ...node.params };
  for (const f of scalars) params[f] = repeat(numeric(node, f)!, shape);
  notes.push(`${node.type} '${name}': 0-d ${scalars.join(', ')} broadcast to [${shape}]`);
  return { ...node, params };
}

/** The shape a node's neighbours give it: its inferred input, else a successor's input. */
function neighbourShape(graph: IrGraph, types: GraphTypes, name: string): Shape | undefined {
  const own = types.nodes[name]?.input;
  if (own) return own;
  for (const [s, t] of graph.edges) {
    if (s === name && types.nodes[t]?.input) return types.nodes[t]!.input;
  }
  return undefined;
}

function repeat(a: NdArray, shape: Shape): NdArray {
  const data = allocate(a.dtype, sizeOf(shape));
  const v = a.data[0]!;
  if (data instanceof BigInt64Array) data.fill(v as bigint);
  else (data as Float64Array).fill(v as number);
  return { dtype: a.dtype, shape: [...shape], data };
}
