// Protobuf codec of the IR (.nirpb) with protobufjs and schemas/nir.proto.
import protobuf from 'protobufjs';
import { fileURLToPath } from 'node:url';
import type {
  IrGraph,
  IrModel,
  IrNode,
  MetaValue,
  Metadata,
  NodeQuantization,
  NodeType,
  ParamValue,
} from './model.js';
import { type DType, type NdArray, fromBytes, toBytes, DTYPE_BYTES } from './tensor.js';
import { IrError } from './errors.js';
import { MAX_TENSOR_ELEMENTS, setEntry } from './json-values.js';

const PROTO_PATH = fileURLToPath(new URL('../../schemas/nir.proto', import.meta.url));
const MAGIC = 'dynalign-ir';

let modelType: protobuf.Type | undefined;

function getModelType(): protobuf.Type {
  modelType ??= protobuf.loadSync(PROTO_PATH).lookupType('dynalign.ir.Model');
  return modelType;
}

type Plain = Record<string, any>;

/** Serialise a model to protobuf bytes. */
export function encodeModel(model: IrModel): Uint8Array {
  const type = getModelType();
  const plain: Plain = {
    magic: MAGIC,
    nirVersion: model.nirVersion,
    graph: graphToPlain(model.graph),
  };
  if (model.discretisation) plain.discretisation = { ...model.discretisation };
  if (model.encoder) plain.encoder = { ...model.encoder };
  if (model.provenance) plain.provenance = { ...model.provenance };
  if (model.training) plain.training = trainingToPlain(model.training);
  return type.encode(type.fromObject(plain)).finish();
}

/** Parse protobuf bytes into a model; throws on a file that is not a dynalign IR. */
export function decodeModel(bytes: Uint8Array): IrModel {
  const type = getModelType();
  let o: Plain;
  try {
    const msg = type.decode(bytes);
    o = type.toObject(msg, { longs: Number, bytes: Uint8Array, defaults: false }) as Plain;
  } catch (e) {
    // protobufjs throws plain Errors, or TypeErrors on corrupt map entries.
    throw new IrError('E_MODEL_CORRUPT', `not a protobuf dynalign model (${(e as Error).message})`,
      '', 'write .nirpb files with dynalign, or convert with `dynalign ir convert`');
  }
  if (o.magic !== MAGIC) {
    throw new IrError('E_MODEL_CORRUPT', `not a dynalign IR file (magic ` +
      `${JSON.stringify(o.magic ?? '')})`, '/magic', 'write .nirpb files with dynalign');
  }
  const model: IrModel = { nirVersion: o.nirVersion ?? '', graph: graphFromPlain(o.graph ?? {}) };
  if (o.discretisation) {
    const d = o.discretisation;
    model.discretisation = {
      dt: d.dt ?? 0,
      integrator: d.integrator ?? 'euler',
      reset: d.reset ?? 'zero',
      spikes: d.spikes ?? 'unit',
    };
  }
  if (o.encoder) {
    const e = o.encoder;
    model.encoder = {
      system: e.system ?? '',
      params: { ...(e.params ?? {}) },
      h: e.h ?? 0,
      tmax: e.tmax ?? 0,
      numSteps: e.numSteps ?? 0,
      nFeatures: e.nFeatures ?? 0,
      sigmaLambda: e.sigmaLambda ?? 0,
    };
    if (e.reducer) {
      model.encoder.reducer = {
        kind: e.reducer.kind,
        nComponents: e.reducer.nComponents ?? 0,
        seed: e.reducer.seed ?? 0,
        ...(e.reducer.nNeighbors ? { nNeighbors: e.reducer.nNeighbors } : {}),
        ...(e.reducer.fit ? { fit: e.reducer.fit as 'train' | 'all' } : {}),
      };
    }
  }
  if (o.provenance) model.provenance = { tool: '', toolVersion: '', ...o.provenance };
  if (o.training) model.training = trainingFromPlain(o.training);
  return model;
}

function tensorToPlain(a: NdArray): Plain {
  return { dtype: a.dtype, shape: a.shape, data: toBytes(a) };
}

function tensorFromPlain(t: Plain): NdArray {
  const dtype = (t.dtype ?? 'float64') as DType;
  if (!(dtype in DTYPE_BYTES)) {
    throw new IrError('E_TENSOR', `unknown tensor dtype ${JSON.stringify(dtype)}`);
  }
  const shape = ((t.shape ?? []) as number[]).map(Number);
  const n = shape.reduce((a, b) => a * b, 1);
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0) || n > MAX_TENSOR_ELEMENTS) {
    throw new IrError('E_TENSOR_TOO_LARGE', `tensor shape [${shape}] is not a list of sizes ` +
      `with at most ${MAX_TENSOR_ELEMENTS} elements`);
  }
  const bytes: Uint8Array = t.data ?? new Uint8Array(0);
  if (bytes.byteLength !== n * DTYPE_BYTES[dtype]) {
    throw new IrError('E_TENSOR', `tensor of shape [${shape}] (${dtype}) needs ` +
      `${n * DTYPE_BYTES[dtype]} bytes; ${bytes.byteLength} are stored`);
  }
  return { dtype, shape, data: fromBytes(dtype, bytes) };
}

function metaToPlain(m: Metadata): Plain {
  const entries: Plain = {};
  for (const [k, v] of Object.entries(m)) entries[k] = metaValueToPlain(v);
  return { entries };
}

function metaValueToPlain(v: MetaValue): Plain {
  switch (v.kind) {
    case 'string':
      return { text: v.value };
    case 'number':
      return { number: v.value };
    case 'array':
      return { tensor: tensorToPlain(v.value) };
    case 'dict':
      return { dict: metaToPlain(v.value) };
  }
}

function metaFromPlain(p: Plain | undefined): Metadata {
  const out: Metadata = {};
  for (const [k, entry] of Object.entries((p?.entries ?? {}) as Plain)) {
    const v = (entry ?? {}) as Plain;
    let value: MetaValue;
    if (v.text !== undefined) value = { kind: 'string', value: v.text };
    else if (v.number !== undefined) value = { kind: 'number', value: v.number };
    else if (v.tensor !== undefined) value = { kind: 'array', value: tensorFromPlain(v.tensor) };
    else if (v.dict !== undefined) value = { kind: 'dict', value: metaFromPlain(v.dict) };
    else throw new IrError('E_MODEL_CORRUPT', `metadata entry ${JSON.stringify(k)} has no value`);
    setEntry(out, k, value);
  }
  return out;
}

function paramToPlain(p: ParamValue): Plain {
  return typeof p === 'string' ? { text: p } : { tensor: tensorToPlain(p) };
}

function quantToPlain(q: NodeQuantization): Plain {
  const intParams: Plain = {};
  for (const [k, v] of Object.entries(q.intParams)) intParams[k] = tensorToPlain(v);
  return { profile: q.profile, intParams, scales: { ...q.scales } };
}

function quantFromPlain(q: Plain): NodeQuantization {
  const intParams: Record<string, NdArray> = {};
  for (const [k, v] of Object.entries((q.intParams ?? {}) as Plain)) {
    setEntry(intParams, k, tensorFromPlain(v ?? {}));
  }
  return { profile: q.profile ?? '', intParams, scales: { ...(q.scales ?? {}) } };
}

function graphToPlain(g: IrGraph): Plain {
  const nodes = Object.entries(g.nodes).map(([name, n]) => {
    const params: Plain = {};
    for (const [k, v] of Object.entries(n.params)) params[k] = paramToPlain(v);
    const out: Plain = { name, type: n.type, params, metadata: metaToPlain(n.metadata) };
    if (n.graph) out.graph = graphToPlain(n.graph);
    if (n.quantization?.length) out.quantization = n.quantization.map(quantToPlain);
    return out;
  });
  const edges = g.edges.map(([source, target]) => ({ source, target }));
  return { nodes, edges, metadata: metaToPlain(g.metadata) };
}

function graphFromPlain(p: Plain): IrGraph {
  const nodes: Record<string, IrNode> = {};
  for (const entry of (p.nodes ?? []) as Plain[]) {
    const n = (entry ?? {}) as Plain;
    const params: Record<string, ParamValue> = {};
    for (const [k, entry] of Object.entries((n.params ?? {}) as Plain)) {
      const v = (entry ?? {}) as Plain;
      if (v.text === undefined && v.tensor === undefined) {
        throw new IrError('E_MODEL_CORRUPT', `field ${JSON.stringify(k)} has no value`);
      }
      setEntry(params, k, v.text !== undefined ? v.text : tensorFromPlain(v.tensor));
    }
    const node: IrNode = { type: n.type as NodeType, params, metadata: metaFromPlain(n.metadata) };
    if (n.graph) node.graph = graphFromPlain(n.graph);
    if (n.quantization) {
      node.quantization = (n.quantization as Plain[]).map((q) => quantFromPlain(q ?? {}));
    }
    const name = String(n.name ?? '');
    if (Object.prototype.hasOwnProperty.call(nodes, name)) {
      throw new IrError('E_MODEL_CORRUPT', `two nodes are named ${JSON.stringify(name)}`);
    }
    Object.defineProperty(nodes, name, { value: node, enumerable: true, writable: true,
      configurable: true });
  }
  const edges = ((p.edges ?? []) as Plain[]).map(
    (e) => [e?.source ?? '', e?.target ?? ''] as [string, string]);
  return { nodes, edges, metadata: metaFromPlain(p.metadata) };
}

function trainingToPlain(t: NonNullable<IrModel['training']>): Plain {
  const config: Plain = {};
  for (const [k, v] of Object.entries(t.config)) {
    config[k] =
      typeof v === 'number' ? { number: v } : typeof v === 'boolean' ? { flag: v } : { text: v };
  }
  return { config, metrics: { ...t.metrics }, spikesPerLayer: t.spikesPerLayer, split: t.split };
}

function trainingFromPlain(p: Plain): NonNullable<IrModel['training']> {
  const config: Record<string, number | string | boolean> = {};
  for (const [k, v] of Object.entries((p.config ?? {}) as Plain)) {
    setEntry(config, k, v?.number ?? v?.text ?? v?.flag ?? 0);
  }
  return {
    config,
    metrics: { ...(p.metrics ?? {}) },
    spikesPerLayer: (p.spikesPerLayer ?? []).map(Number),
    split: p.split ?? '',
  };
}
