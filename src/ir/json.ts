// The JSON form of a model (.json): the graph with every tensor bit for bit, the metadata typed,
// and the extensions NIR lacks (discretisation, encoder, training, provenance, quantisation).
import { IrError, pointerToken } from './errors.js';
import type { IrGraph, IrModel, IrNode, NodeQuantization, NodeType, ParamValue } from './model.js';
import type { NdArray } from './tensor.js';
import { MAX_NESTING } from './infer.js';
import {
  metadataFromJson, metadataToJson, numberFromJson, numberToJson, object, setEntry,
  tensorFromJson, tensorToJson,
} from './json-values.js';

/** The `format` tag of a dynalign JSON model. */
export const JSON_FORMAT = 'dynalign-ir+json';
const JSON_FORMAT_VERSION = 1;

/** Serialise a model to JSON text. */
export function modelToJson(model: IrModel): string {
  const out: Record<string, unknown> = {
    format: JSON_FORMAT,
    formatVersion: JSON_FORMAT_VERSION,
    nirVersion: model.nirVersion,
    graph: graphToJson(model.graph),
  };
  const d = model.discretisation;
  if (d) out.discretisation = { ...d, dt: numberToJson(d.dt) };
  if (model.encoder) out.encoder = model.encoder;
  if (model.training) out.training = model.training;
  if (model.provenance) out.provenance = model.provenance;
  return JSON.stringify(out, null, 1) + '\n';
}

function graphToJson(g: IrGraph): unknown {
  const nodes: Record<string, unknown> = {};
  for (const [name, n] of Object.entries(g.nodes)) setEntry(nodes, name, nodeToJson(n));
  return { nodes, edges: g.edges, metadata: metadataToJson(g.metadata) };
}

function nodeToJson(n: IrNode): unknown {
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n.params)) {
    setEntry(params, k, typeof v === 'string' ? v : tensorToJson(v));
  }
  const out: Record<string, unknown> = { type: n.type, params };
  if (Object.keys(n.metadata).length) out.metadata = metadataToJson(n.metadata);
  if (n.graph) out.graph = graphToJson(n.graph);
  if (n.quantization?.length) out.quantization = n.quantization.map(quantToJson);
  return out;
}

function quantToJson(q: NodeQuantization): unknown {
  const intParams: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(q.intParams)) setEntry(intParams, k, tensorToJson(v));
  const scales: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(q.scales)) setEntry(scales, k, numberToJson(v));
  return { profile: q.profile, intParams, scales };
}

/** Parse JSON text into a model; errors carry the JSON pointer of the bad value. */
export function modelFromJson(text: string): IrModel {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (cause) {
    throw new IrError('E_JSON_SYNTAX', `not JSON: ${(cause as Error).message}`, '',
      'check the file is a dynalign .json model');
  }
  const o = object(j, '');
  if (o.format !== JSON_FORMAT) {
    const got = JSON.stringify(o.format);
    throw new IrError('E_JSON_FORMAT', `format is ${got}, not '${JSON_FORMAT}'`,
      '/format', 'write it with `dynalign ir convert IN OUT.json`');
  }
  const model: IrModel = {
    nirVersion: typeof o.nirVersion === 'string' ? o.nirVersion : '',
    graph: graphFromJson(o.graph, '/graph', 0),
  };
  if (o.discretisation !== undefined) {
    const d = object(o.discretisation, '/discretisation');
    model.discretisation = {
      ...(d as unknown as NonNullable<IrModel['discretisation']>),
      dt: numberFromJson(d.dt, '/discretisation/dt'),
    };
  }
  // Encoder, training and provenance are plain JSON data, kept as written.
  type Ext = Pick<IrModel, 'encoder' | 'training' | 'provenance'>;
  for (const key of ['encoder', 'training', 'provenance'] as const) {
    if (o[key] !== undefined) (model as Ext)[key] = object(o[key], `/${key}`) as never;
  }
  return model;
}

function graphFromJson(j: unknown, path: string, depth: number): IrGraph {
  if (depth > MAX_NESTING) {
    throw new IrError('E_GRAPH_DEPTH', `graphs nest deeper than ${MAX_NESTING} levels`, path);
  }
  const o = object(j, path);
  const nodes: Record<string, IrNode> = {};
  for (const [name, n] of Object.entries(object(o.nodes, `${path}/nodes`))) {
    setEntry(nodes, name, nodeFromJson(n, `${path}/nodes/${pointerToken(name)}`, depth));
  }
  if (!Array.isArray(o.edges)) {
    throw new IrError('E_JSON_VALUE', 'edges must be a list', `${path}/edges`);
  }
  const edges = o.edges.map((e, i) => {
    const ok = Array.isArray(e) && e.length === 2 && e.every((x) => typeof x === 'string');
    if (!ok) {
      throw new IrError('E_JSON_VALUE', 'an edge is ["source", "target"]', `${path}/edges/${i}`);
    }
    return [e[0], e[1]] as [string, string];
  });
  return { nodes, edges, metadata: metadataFromJson(o.metadata, `${path}/metadata`) };
}

function nodeFromJson(j: unknown, path: string, depth: number): IrNode {
  const o = object(j, path);
  if (typeof o.type !== 'string') {
    throw new IrError('E_JSON_VALUE', 'a node needs a `type`', `${path}/type`);
  }
  const params: Record<string, ParamValue> = {};
  for (const [k, v] of Object.entries(object(o.params ?? {}, `${path}/params`))) {
    const at = `${path}/params/${pointerToken(k)}`;
    setEntry(params, k, typeof v === 'string' ? v : tensorFromJson(v, at));
  }
  const node: IrNode = {
    type: o.type as NodeType,
    params,
    metadata: metadataFromJson(o.metadata, `${path}/metadata`),
  };
  if (o.graph !== undefined) node.graph = graphFromJson(o.graph, `${path}/graph`, depth + 1);
  if (o.quantization !== undefined) {
    if (!Array.isArray(o.quantization)) {
      throw new IrError('E_JSON_VALUE', 'quantization must be a list', `${path}/quantization`);
    }
    node.quantization = o.quantization.map((q, i) => quantFromJson(q, `${path}/quantization/${i}`));
  }
  return node;
}

function quantFromJson(j: unknown, path: string): NodeQuantization {
  const o = object(j, path);
  const intParams: Record<string, NdArray> = {};
  for (const [k, v] of Object.entries(object(o.intParams ?? {}, `${path}/intParams`))) {
    setEntry(intParams, k, tensorFromJson(v, `${path}/intParams/${pointerToken(k)}`));
  }
  const scales: Record<string, number> = {};
  for (const [k, v] of Object.entries(object(o.scales ?? {}, `${path}/scales`))) {
    setEntry(scales, k, numberFromJson(v, `${path}/scales/${pointerToken(k)}`));
  }
  return { profile: typeof o.profile === 'string' ? o.profile : '', intParams, scales };
}
