// What NIR lacks, carried inside a .nir file as metadata that nir.read accepts: the top graph's
// `metadata/dynalign` group (discretisation, provenance, encoder and training as JSON text)
// and each node's `metadata/dynalign_quantization` group.
import type { IrModel, IrNode, Metadata, MetaValue, NodeQuantization } from '../model.js';
import { IrError } from '../errors.js';
import type { NdArray } from '../tensor.js';

/** Metadata key of the model-level extension on the top graph. */
export const EXT_KEY = 'dynalign';
/** Metadata key of a node's quantisation records. */
export const QUANT_KEY = 'dynalign_quantization';
const EXT_FORMAT = 'dynalign-ir';

const str = (value: string): MetaValue => ({ kind: 'string', value });
const num = (value: number): MetaValue => ({ kind: 'number', value });
const dict = (value: Metadata): MetaValue => ({ kind: 'dict', value });

/** The top graph's metadata with the model's extensions added under `dynalign`. */
export function modelExtToMetadata(model: IrModel): Metadata {
  const ext: Metadata = { format: str(EXT_FORMAT) };
  const d = model.discretisation;
  if (d) {
    ext.discretisation = dict({ dt: num(d.dt), integrator: str(d.integrator),
      reset: str(d.reset), spikes: str(d.spikes) });
  }
  const p = model.provenance;
  if (p) {
    const prov: Metadata = { tool: str(p.tool), tool_version: str(p.toolVersion) };
    if (p.sourceFile !== undefined) prov.source_file = str(p.sourceFile);
    if (p.createdAt !== undefined) prov.created_at = str(p.createdAt);
    if (p.sourceHash !== undefined) prov.source_hash = str(p.sourceHash);
    ext.provenance = dict(prov);
  }
  if (model.encoder) ext.encoder_json = str(JSON.stringify(model.encoder));
  if (model.training) ext.training_json = str(JSON.stringify(model.training));
  return { ...model.graph.metadata, [EXT_KEY]: dict(ext) };
}

/** Move a `dynalign` entry of the top graph's metadata back into the model's fields. */
export function modelExtFromMetadata(model: IrModel): void {
  const entry = model.graph.metadata[EXT_KEY];
  if (entry?.kind !== 'dict' || text(entry.value.format) !== EXT_FORMAT) return;
  const ext = entry.value;
  const where = `/graph/metadata/${EXT_KEY}`;
  const d = dictOf(ext.discretisation);
  if (d) {
    model.discretisation = {
      dt: numberOf(d.dt, `${where}/discretisation/dt`),
      integrator: text(d.integrator) as 'euler',
      reset: text(d.reset) as 'zero',
      spikes: text(d.spikes) as 'unit',
    };
  }
  const p = dictOf(ext.provenance);
  if (p) {
    model.provenance = { tool: text(p.tool) ?? '', toolVersion: text(p.tool_version) ?? '' };
    if (p.source_file) model.provenance.sourceFile = text(p.source_file);
    if (p.created_at) model.provenance.createdAt = text(p.created_at);
    if (p.source_hash) model.provenance.sourceHash = text(p.source_hash);
  }
  if (ext.encoder_json) model.encoder = parseJson(ext.encoder_json, `${where}/encoder_json`);
  if (ext.training_json) model.training = parseJson(ext.training_json, `${where}/training_json`);
  const rest = { ...model.graph.metadata };
  delete rest[EXT_KEY];
  model.graph.metadata = rest;
}

/** A node's metadata with its quantisation records added. */
export function quantToMetadata(node: IrNode): Metadata {
  if (!node.quantization?.length) return node.metadata;
  const records: Metadata = {};
  node.quantization.forEach((q, i) => {
    const ints: Metadata = {};
    for (const [k, v] of Object.entries(q.intParams)) ints[k] = { kind: 'array', value: v };
    const scales: Metadata = {};
    for (const [k, v] of Object.entries(q.scales)) scales[k] = num(v);
    records[String(i)] = dict({ profile: str(q.profile), int_params: dict(ints),
      scales: dict(scales) });
  });
  return { ...node.metadata, [QUANT_KEY]: dict(records) };
}

/** Move a node's `dynalign_quantization` metadata back into `quantization`. */
export function quantFromMetadata(node: IrNode, where: string): void {
  const entry = dictOf(node.metadata[QUANT_KEY]);
  if (!entry) return;
  const records = Object.entries(entry).sort(([a], [b]) => Number(a) - Number(b));
  node.quantization = records.map(([i, r]): NodeQuantization => {
    const rec = dictOf(r) ?? {};
    const intParams: Record<string, NdArray> = {};
    for (const [k, v] of Object.entries(dictOf(rec.int_params) ?? {})) {
      if (v.kind === 'array') intParams[k] = v.value;
    }
    const scales: Record<string, number> = {};
    for (const [k, v] of Object.entries(dictOf(rec.scales) ?? {})) {
      scales[k] = numberOf(v, `${where}/metadata/${QUANT_KEY}/${i}/scales/${k}`);
    }
    return { profile: text(rec.profile) ?? '', intParams, scales };
  });
  const rest = { ...node.metadata };
  delete rest[QUANT_KEY];
  node.metadata = rest;
}

function text(v: MetaValue | undefined): string | undefined {
  return v?.kind === 'string' ? v.value : undefined;
}

function dictOf(v: MetaValue | undefined): Metadata | undefined {
  return v?.kind === 'dict' ? v.value : undefined;
}

function numberOf(v: MetaValue | undefined, path: string): number {
  if (v?.kind === 'number') return v.value;
  if (v?.kind === 'array' && v.value.data.length === 1) return Number(v.value.data[0]);
  throw new IrError('E_NIR_EXT', 'expected a number in the dynalign metadata', path);
}

function parseJson<T>(v: MetaValue, path: string): T {
  try {
    return JSON.parse(text(v) ?? '') as T;
  } catch {
    throw new IrError('E_NIR_EXT', 'the dynalign metadata holds text that is not JSON', path);
  }
}
