// JSON forms of tensors, numbers and metadata that keep every bit: values are written as plain
// numbers when JSON can carry them exactly, otherwise the raw little-endian bytes as base64.
import { IrError, pointerToken } from './errors.js';
import type { Metadata, MetaValue } from './model.js';
import { type DType, type NdArray, DTYPE_BYTES, allocate, fromBytes, toBytes } from './tensor.js';

/** Most elements one tensor may declare (2^28); larger shapes are refused before allocating. */
export const MAX_TENSOR_ELEMENTS = 2 ** 28;

type Json = unknown;

/** A tensor as JSON: {dtype, shape, data: [...]} or {dtype, shape, base64}. */
export function tensorToJson(a: NdArray): Json {
  const plain = plainValues(a);
  if (plain) return { dtype: a.dtype, shape: a.shape, data: plain };
  return { dtype: a.dtype, shape: a.shape, base64: Buffer.from(toBytes(a)).toString('base64') };
}

function plainValues(a: NdArray): number[] | undefined {
  const out: number[] = [];
  const data = a.data as ArrayLike<number | bigint>;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    const n = typeof v === 'bigint' ? Number(v) : v;
    if (typeof v === 'bigint' && BigInt(n) !== v) return undefined;
    if (!Number.isFinite(n) || Object.is(n, -0)) return undefined;
    out.push(n);
  }
  return out;
}

/** Parse a JSON tensor; `path` is the JSON pointer used in errors. */
export function tensorFromJson(j: Json, path: string): NdArray {
  const o = object(j, path);
  const dtype = o.dtype;
  if (typeof dtype !== 'string' || !(dtype in DTYPE_BYTES)) {
    throw new IrError('E_JSON_TENSOR', `unknown dtype ${JSON.stringify(dtype)}`, `${path}/dtype`,
      `use one of ${Object.keys(DTYPE_BYTES).join(', ')}`);
  }
  const shape = shapeFromJson(o.shape, `${path}/shape`);
  const n = shape.reduce((x, y) => x * y, 1);
  if (typeof o.base64 === 'string') {
    const data = fromBytes(dtype as DType, Buffer.from(o.base64, 'base64'));
    if (data.length !== n) throw sizeError(path, shape, data.length);
    return { dtype: dtype as DType, shape, data };
  }
  if (!Array.isArray(o.data)) {
    throw new IrError('E_JSON_TENSOR', 'a tensor needs `data` (numbers) or `base64`', path);
  }
  if (o.data.length !== n) throw sizeError(path, shape, o.data.length);
  return { dtype: dtype as DType, shape, data: fill(dtype as DType, o.data, `${path}/data`) };
}

function shapeFromJson(j: Json, path: string): number[] {
  if (!Array.isArray(j) || j.some((d) => !Number.isSafeInteger(d) || (d as number) < 0)) {
    throw new IrError('E_JSON_TENSOR', 'shape must be a list of whole sizes ≥ 0', path);
  }
  const n = (j as number[]).reduce((x, y) => x * y, 1);
  if (n > MAX_TENSOR_ELEMENTS) {
    throw new IrError('E_TENSOR_TOO_LARGE', `shape [${j}] declares ${n} elements, more than ` +
      `the ${MAX_TENSOR_ELEMENTS} allowed`, path, 'check the shape; split the tensor');
  }
  return j as number[];
}

function fill(dtype: DType, values: unknown[], path: string): NdArray['data'] {
  const out = allocate(dtype, values.length);
  values.forEach((v, i) => {
    const ok = typeof v === 'number' && (dtype.startsWith('float') || Number.isSafeInteger(v));
    if (!ok) {
      throw new IrError('E_JSON_TENSOR', `value ${JSON.stringify(v)} is not a ${dtype}`,
        `${path}/${i}`);
    }
    if (out instanceof BigInt64Array) out[i] = BigInt(v);
    else out[i] = v;
    if (!(out instanceof BigInt64Array) && !dtype.startsWith('float') && out[i] !== v) {
      throw new IrError('E_JSON_TENSOR', `value ${v} does not fit ${dtype}`, `${path}/${i}`);
    }
  });
  return out;
}

function sizeError(path: string, shape: number[], got: number): IrError {
  const n = shape.reduce((x, y) => x * y, 1);
  return new IrError('E_JSON_TENSOR', `shape [${shape}] needs ${n} values; ${got} given`, path);
}

/** A number as JSON: itself, or 'NaN' / 'Infinity' / '-Infinity' / '-0' as text. */
export function numberToJson(x: number): Json {
  return Number.isFinite(x) && !Object.is(x, -0) ? x : Object.is(x, -0) ? '-0' : String(x);
}

/** Parse a number written by numberToJson. */
export function numberFromJson(j: Json, path: string): number {
  if (typeof j === 'number') return j;
  const special: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity,
    '-0': -0 };
  if (typeof j === 'string' && j in special) return special[j]!;
  throw new IrError('E_JSON_VALUE', `expected a number, got ${JSON.stringify(j)}`, path);
}

/** Metadata as JSON: each entry tagged {string}, {number}, {array} or {dict}. */
export function metadataToJson(m: Metadata): Json {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(m)) setEntry(out, k, metaValueToJson(v));
  return out;
}

function metaValueToJson(v: MetaValue): Json {
  switch (v.kind) {
    case 'string':
      return { string: v.value };
    case 'number':
      return { number: numberToJson(v.value) };
    case 'array':
      return { array: tensorToJson(v.value) };
    case 'dict':
      return { dict: metadataToJson(v.value) };
  }
}

/** Parse metadata written by metadataToJson (absent means empty). */
export function metadataFromJson(j: Json, path: string, depth = 0): Metadata {
  if (j === undefined) return {};
  if (depth > 64) throw new IrError('E_JSON_DEPTH', 'metadata nests too deep', path);
  const out: Metadata = {};
  for (const [k, v] of Object.entries(object(j, path))) {
    const at = `${path}/${pointerToken(k)}`;
    setEntry(out, k, metaValueFromJson(object(v, at), at, depth));
  }
  return out;
}

function metaValueFromJson(e: Record<string, unknown>, at: string, depth: number): MetaValue {
  if (typeof e.string === 'string') return { kind: 'string', value: e.string };
  if (e.number !== undefined) return { kind: 'number', value: numberFromJson(e.number, at) };
  if (e.array !== undefined) return { kind: 'array', value: tensorFromJson(e.array, at) };
  if (e.dict !== undefined) {
    return { kind: 'dict', value: metadataFromJson(e.dict, at, depth + 1) };
  }
  throw new IrError('E_JSON_VALUE', 'a metadata entry is {string|number|array|dict}', at);
}

/** Set a key on a record, also when the key is '__proto__' (a legal NIR name). */
export function setEntry<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The value as a plain object, or an error at `path`. */
export function object(j: Json, path: string): Record<string, unknown> {
  if (typeof j !== 'object' || j === null || Array.isArray(j)) {
    throw new IrError('E_JSON_VALUE', `expected an object, got ${describe(j)}`, path);
  }
  return j as Record<string, unknown>;
}

function describe(j: Json): string {
  return Array.isArray(j) ? 'a list' : j === null ? 'null' : typeof j;
}
