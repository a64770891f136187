// The .nir layout (NIR nir/serialization.py) read from an H5 tree: root `version`, group
// `node` for the top NIRGraph, a `type` string per node, one dataset per field, `edges` as an
// (E, 2) string array, nested graphs and metadata groups. Defaults are filled as nir.read does.
import type {
  IrGraph, IrModel, IrNode, Metadata, MetaValue, NodeType, ParamValue,
} from '../model.js';
import { IrError } from '../errors.js';
import { NODE_TYPES, isNodeType, primitiveOf } from '../primitives/registry.js';
import { MAX_NESTING } from '../infer.js';
import { broadcastScalars } from '../broadcast.js';
import type { H5Group, H5Node } from '../hdf5/tree.js';
import { modelExtFromMetadata, quantFromMetadata } from './ext.js';
import { restoreNames } from './names.js';

/** A model read from a .nir file, with what the reader had to decide on the way. */
export interface NirRead {
  model: IrModel;
  notes: string[];
}

/** Oldest and newest NIR file versions whose layout this reader knows (0.1.x to 1.0.x). */
const VERSION_RANGE = 'from 0.1.0 to 1.0.x';

/** Map the tree of a .nir file to a model. */
export function modelFromTree(root: H5Group): NirRead {
  const notes: string[] = [];
  const top = member(root, 'node');
  if (top?.kind !== 'group') {
    throw new IrError('E_NIR_LAYOUT', 'the file has no /node group, so it is not a NIR graph',
      '/node', 'pass a file written by nir.write');
  }
  const nirVersion = readVersion(root, notes);
  const node = readNode(top, 'node', '/node', '/graph', 0, notes);
  if (node.type !== 'NIRGraph' || !node.graph) {
    throw new IrError('E_NIR_LAYOUT', `/node is a ${node.type}, not a NIRGraph`, '/node/type');
  }
  const model: IrModel = { nirVersion, graph: node.graph };
  modelExtFromMetadata(model);
  const b = broadcastScalars(model.graph);
  model.graph = b.graph;
  notes.push(...b.notes);
  return { model, notes };
}

function readVersion(root: H5Group, notes: string[]): string {
  const v = member(root, 'version');
  if (v?.kind !== 'text' || v.values.length !== 1) {
    notes.push('no /version string; read with the NIR 1.0 layout');
    return '';
  }
  const version = v.values[0]!;
  const m = /^(\d+)\.(\d+)\./.exec(version);
  const ok = m && ((m[1] === '0' && Number(m[2]) >= 1) || (m[1] === '1' && m[2] === '0'));
  if (!ok) {
    throw new IrError('E_NIR_VERSION', `NIR file version '${version}' is outside the versions ` +
      `this reader knows (${VERSION_RANGE})`, '/version',
      'write the file with nir 1.0.x, or report the new layout');
  }
  return version;
}

function readNode(g: H5Group, name: string, h5: string, ir: string, depth: number,
  notes: string[]): IrNode {
  const type = member(g, 'type');
  if (type?.kind !== 'text' || type.values.length !== 1) {
    throw new IrError('E_NIR_TYPE', `node '${name}' has no 'type' string`, `${h5}/type`,
      'every NIR node group holds a scalar string dataset `type`');
  }
  const t = type.values[0]!;
  if (!isNodeType(t)) {
    throw new IrError('E_NIR_TYPE', `node '${name}' has type '${t}', which NIR does not define ` +
      '(nir.read fails on it too)', `${h5}/type`, `use one of ${NODE_TYPES.join(', ')}`);
  }
  const metadata = readMetadata(member(g, 'metadata'), `${h5}/metadata`, notes, 0);
  if (t === 'NIRGraph') return readGraph(g, name, h5, ir, depth, metadata, notes);

  const node: IrNode = { type: t, params: readFields(g, t, name, h5), metadata };
  fillDefaults(node, name, notes);
  quantFromMetadata(node, ir);
  return node;
}

function readFields(g: H5Group, type: NodeType, name: string,
  h5: string): Record<string, ParamValue> {
  const specs = primitiveOf(type).fields;
  const params: Record<string, ParamValue> = {};
  for (const [key, child] of g.children) {
    if (key === 'type' || key === 'metadata') continue;
    const spec = specs.find((f) => f.name === key);
    if (!spec) {
      throw new IrError('E_NIR_FIELD_UNKNOWN', `node '${name}' (${type}) has a dataset '${key}', ` +
        `which is not a ${type} field (nir.read rejects it too)`, `${h5}/${key}`,
        `${type} fields are ${specs.map((f) => f.name).join(', ') || 'none'}`);
    }
    if (child.kind === 'numeric') {
      params[key] = { dtype: child.dtype, shape: child.shape, data: child.data };
    } else if (child.kind === 'text' && spec.role === 'padding' && child.values.length === 1) {
      params[key] = child.values[0]!;
    } else {
      throw new IrError('E_NIR_FIELD_KIND', `node '${name}' (${type}) field '${key}' is ` +
        `${describe(child)}, not a numeric array`, `${h5}/${key}`);
    }
  }
  for (const spec of specs) {
    if (spec.required && !(spec.name in params)) {
      throw new IrError('E_NIR_FIELD_MISSING', `node '${name}' (${type}) has no '${spec.name}' ` +
        `dataset (${spec.doc}); nir.read fails on it too`, `${h5}/${spec.name}`);
    }
  }
  return params;
}

function fillDefaults(node: IrNode, name: string, notes: string[]): void {
  for (const spec of primitiveOf(node.type).fields) {
    if (spec.name in node.params || !spec.fallback) continue;
    const value = spec.fallback(node);
    if (!value) continue;
    node.params[spec.name] = value;
    notes.push(`${node.type} '${name}': no ${spec.name} in the file; NIR's default used ` +
      `(${spec.doc})`);
  }
}

function readGraph(g: H5Group, name: string, h5: string, ir: string, depth: number,
  metadata: Metadata, notes: string[]): IrNode {
  if (depth >= MAX_NESTING) {
    throw new IrError('E_GRAPH_DEPTH', `graphs nest deeper than ${MAX_NESTING} levels`, h5);
  }
  const nodesGroup = member(g, 'nodes');
  if (nodesGroup?.kind !== 'group') {
    throw new IrError('E_NIR_LAYOUT', `graph '${name}' has no 'nodes' group`, `${h5}/nodes`);
  }
  const nodes: Record<string, IrNode> = {};
  for (const [key, child] of nodesGroup.children) {
    const at = `${h5}/nodes/${key}`;
    if (child.kind !== 'group') {
      throw new IrError('E_NIR_LAYOUT', `member '${key}' of graph '${name}' is not a node group`,
        at);
    }
    const node = readNode(child, key, at, `${ir}/nodes/${key}`, depth + 1, notes);
    Object.defineProperty(nodes, key, { value: node, enumerable: true, writable: true,
      configurable: true });
  }
  for (const [key] of g.children) {
    if (!['type', 'nodes', 'edges', 'metadata'].includes(key)) {
      throw new IrError('E_NIR_FIELD_UNKNOWN', `graph '${name}' has a member '${key}', which a ` +
        'NIRGraph does not have (nir.read rejects it too)', `${h5}/${key}`);
    }
  }
  const stored = readEdges(member(g, 'edges'), name, `${h5}/edges`);
  const graph: IrGraph = restoreNames(nodes, stored, metadata, h5);
  const node: IrNode = { type: 'NIRGraph', params: {}, metadata: graph.metadata, graph };
  quantFromMetadata(node, ir);
  graph.metadata = node.metadata;
  node.metadata = {};
  return node;
}

function readEdges(e: H5Node | undefined, name: string, h5: string): Array<[string, string]> {
  if (e === undefined) {
    throw new IrError('E_NIR_LAYOUT', `graph '${name}' has no 'edges' dataset`, h5);
  }
  if (e.kind === 'numeric' && e.data.length === 0) return [];
  if (e.kind !== 'text' || e.shape.length !== 2 || e.shape[1] !== 2) {
    throw new IrError('E_NIR_LAYOUT', `edges of graph '${name}' are ${describe(e)}, not an ` +
      '(E, 2) array of names', h5);
  }
  const out: Array<[string, string]> = [];
  for (let i = 0; i < e.values.length; i += 2) out.push([e.values[i]!, e.values[i + 1]!]);
  return out;
}

function readMetadata(m: H5Node | undefined, h5: string, notes: string[], depth: number): Metadata {
  if (m === undefined) return {};
  if (m.kind !== 'group' || depth > MAX_NESTING) {
    throw new IrError('E_NIR_LAYOUT', 'metadata must be a group of datasets and groups', h5);
  }
  const out: Metadata = {};
  for (const [key, child] of m.children) {
    const at = `${h5}/${key}`;
    const value = metaValue(child, at, notes, depth);
    if (value) {
      Object.defineProperty(out, key, { value, enumerable: true, writable: true,
        configurable: true });
    } else notes.push(`metadata ${at} (${describe(child)}) cannot be represented and was left out`);
  }
  return out;
}

// LIMITATION: a 0-d float64 array in metadata reads back as a number (h5py makes the same
// float of both), and string arrays are left out with a note.
/** A float64 scalar reads as a number (h5py gives a Python float), other arrays as arrays. */
function metaValue(child: H5Node, at: string, notes: string[],
  depth: number): MetaValue | undefined {
  if (child.kind === 'group') {
    return { kind: 'dict', value: readMetadata(child, at, notes, depth + 1) };
  }
  if (child.kind === 'text' && child.shape.length === 0) {
    return { kind: 'string', value: child.values[0]! };
  }
  if (child.kind !== 'numeric') return undefined;
  if (child.shape.length === 0 && child.dtype === 'float64') {
    return { kind: 'number', value: child.data[0] as number };
  }
  return { kind: 'array', value: { dtype: child.dtype, shape: child.shape, data: child.data } };
}

function member(g: H5Group, name: string): H5Node | undefined {
  return g.children.find(([k]) => k === name)?.[1];
}

function describe(n: H5Node): string {
  if (n.kind === 'group') return 'a group';
  if (n.kind === 'text') return `text of shape [${n.shape}]`;
  if (n.kind === 'numeric') return `${n.dtype} [${n.shape}]`;
  return n.description;
}
