// A model laid out as nir.write lays it out, so the Python `nir` library reads it back with its
// type check on: v_reset and w_in always present, neuron fields at least 1-D, a Conv's
// input_shape filled in from inference, every other value and dtype kept as it is.
import type { IrGraph, IrModel, IrNode, Metadata } from '../model.js';
import { IrError, nodePointer } from '../errors.js';
import { broadcastScalars } from '../broadcast.js';
import { type GraphTypes, validateGraph } from '../infer.js';
import { isNodeType, primitiveOf } from '../primitives/registry.js';
import { type NdArray, f64, i64 } from '../tensor.js';
import type { H5Group, H5Node } from '../hdf5/tree.js';
import { modelExtToMetadata, quantToMetadata } from './ext.js';
import { isH5Name, storedNames } from './names.js';

/** NIR version written when the model names none: the layout is that of NIR 1.0.7. */
export const DEFAULT_NIR_VERSION = '1.0.7';

/** The H5 tree of a model, ready for the HDF5 writer. */
export function modelToTree(model: IrModel): H5Group {
  const graph = prepareGraph(broadcastScalars(model.graph).graph, '/graph');
  const top = graphTree(graph, modelExtToMetadata({ ...model, graph }), '/graph');
  const version = model.nirVersion || DEFAULT_NIR_VERSION;
  return { kind: 'group', children: [['node', top], ['version', text(version)]] };
}

/** Fill what nir.read needs but the IR may leave out: defaults and Conv input_shape. */
function prepareGraph(graph: IrGraph, path: string): IrGraph {
  const types = validateGraph(graph, path).types;
  const nodes: Record<string, IrNode> = {};
  for (const [name, node] of Object.entries(graph.nodes)) {
    const at = nodePointer(path, name);
    const out = node.graph
      ? { ...node, graph: prepareGraph(node.graph, `${at}/graph`) }
      : prepareNode(node, name, at, types);
    Object.defineProperty(nodes, name, { value: out, enumerable: true, writable: true,
      configurable: true });
  }
  return { ...graph, nodes };
}

function prepareNode(node: IrNode, name: string, at: string, types: GraphTypes): IrNode {
  if (!isNodeType(node.type)) {
    throw new IrError('E_NODE_TYPE', `node '${name}' has type '${node.type}', which NIR lacks`, at);
  }
  const params = { ...node.params };
  for (const spec of primitiveOf(node.type).fields) {
    if (spec.name in params || !spec.fallback) continue;
    const value = spec.fallback(node);
    if (value) params[spec.name] = value;
  }
  if ((node.type === 'Conv1d' || node.type === 'Conv2d') && !('input_shape' in params)) {
    const input = types.nodes[name]?.input;
    if (!input) {
      throw new IrError('E_NIR_CONV_SHAPE', `${node.type} '${name}' has no input_shape and none ` +
        'can be inferred; nir.write cannot store None', `${at}/params/input_shape`,
        'give the graph an Input node upstream, or set input_shape');
    }
    params.input_shape = node.type === 'Conv1d' ? i64([input[1]!], []) : i64(input.slice(1));
  }
  return { ...node, params };
}

function graphTree(graph: IrGraph, given: Metadata, path: string): H5Group {
  const { names, edges: renamed, metadata } = storedNames(graph, given, path);
  const nodes: Array<[string, H5Node]> = Object.entries(graph.nodes).map(([name, node]) => {
    const at = nodePointer(path, name);
    const stored = names.get(name)!;
    if (!node.graph) return [stored, nodeTree(node)];

    // A nested graph has one metadata group: the node's and the graph's entries merged.
    const merged = { ...node.metadata, ...node.graph.metadata };
    const meta = quantToMetadata({ ...node, metadata: merged });
    return [stored, graphTree(node.graph, meta, `${at}/graph`)];
  });
  const edges: H5Node = renamed.length === 0
    ? { kind: 'numeric', dtype: 'float64', shape: [0], data: new Float64Array(0) }
    : { kind: 'text', shape: [renamed.length, 2], values: renamed.flat() };
  const children: Array<[string, H5Node]> = [
    ['edges', edges],
    ['nodes', { kind: 'group', children: nodes }],
    ['type', text('NIRGraph')],
  ];
  if (Object.keys(metadata).length) children.push(['metadata', metadataTree(metadata, path)]);
  return { kind: 'group', children };
}

function nodeTree(node: IrNode): H5Group {
  const children: Array<[string, H5Node]> = [['type', text(node.type)]];
  for (const [k, v] of Object.entries(node.params)) {
    children.push([k, typeof v === 'string' ? text(v) : numeric(v)]);
  }
  const metadata = quantToMetadata(node);
  if (Object.keys(metadata).length) children.push(['metadata', metadataTree(metadata, '')]);
  return { kind: 'group', children };
}

function metadataTree(m: Metadata, path: string): H5Group {
  const children: Array<[string, H5Node]> = [];
  for (const [k, v] of Object.entries(m)) {
    checkName(k, `${path}/metadata/${k}`);
    if (v.kind === 'string') children.push([k, text(v.value)]);
    else if (v.kind === 'number') children.push([k, numeric(f64([v.value], []))]);
    else if (v.kind === 'array') children.push([k, numeric(v.value)]);
    else children.push([k, metadataTree(v.value, `${path}/metadata/${k}`)]);
  }
  return { kind: 'group', children };
}

// LIMITATION: a metadata key HDF5 cannot hold (empty, '.', or with '/') stops the write with
// E_NIR_NAME; node names get stand-ins (names.ts), metadata keys are not renamed.
function checkName(name: string, path: string): void {
  if (!isH5Name(name)) {
    throw new IrError('E_NIR_NAME', `metadata key '${name}' cannot be an HDF5 group or dataset ` +
      'name', path, "rename the key: HDF5 names must not be empty, '.' or contain '/'");
  }
}

function numeric(a: NdArray): H5Node {
  return { kind: 'numeric', dtype: a.dtype, shape: a.shape, data: a.data };
}

function text(value: string): H5Node {
  return { kind: 'text', shape: [], values: [value] };
}
