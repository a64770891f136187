// N-dimensional arrays as NIR stores them: a dtype, a shape and the raw typed data, kept bit
// for bit.

export type DType =
  | 'float32'
  | 'float64'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'bool';

export type TypedData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array;

/** A parameter array; `shape` [] is a 0-d scalar holding one element. */
export interface NdArray {
  dtype: DType;
  shape: number[];
  data: TypedData;
}

/** Bytes per element of each dtype. */
export const DTYPE_BYTES: Record<DType, number> = {
  float32: 4,
  float64: 8,
  int8: 1,
  int16: 2,
  int32: 4,
  int64: 8,
  uint8: 1,
  uint16: 2,
  uint32: 4,
  bool: 1,
};

/** Number of elements a shape holds (1 for a 0-d scalar). */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Allocate typed storage of a dtype. */
export function allocate(dtype: DType, n: number): TypedData {
  switch (dtype) {
    case 'float32':
      return new Float32Array(n);
    case 'float64':
      return new Float64Array(n);
    case 'int8':
      return new Int8Array(n);
    case 'int16':
      return new Int16Array(n);
    case 'int32':
      return new Int32Array(n);
    case 'int64':
      return new BigInt64Array(n);
    case 'uint8':
    case 'bool':
      return new Uint8Array(n);
    case 'uint16':
      return new Uint16Array(n);
    case 'uint32':
      return new Uint32Array(n);
  }
}

/** A float64 array of the given shape from plain numbers. */
export function f64(values: ArrayLike<number>, shape?: number[]): NdArray {
  return { dtype: 'float64', shape: shape ?? [values.length], data: Float64Array.from(values) };
}

/** A float32 array of the given shape from plain numbers. */
export function f32(values: ArrayLike<number>, shape?: number[]): NdArray {
  return { dtype: 'float32', shape: shape ?? [values.length], data: Float32Array.from(values) };
}

/** An int64 array (shapes, strides) from plain numbers. */
export function i64(values: ArrayLike<number>, shape?: number[]): NdArray {
  const data = BigInt64Array.from(Array.from(values, (v) => BigInt(v)));
  return { dtype: 'int64', shape: shape ?? [values.length], data };
}

/** Values as float64, whatever the stored dtype. */
export function toFloat64(a: NdArray): Float64Array {
  if (a.data instanceof BigInt64Array) return Float64Array.from(a.data, (v) => Number(v));
  return Float64Array.from(a.data as ArrayLike<number>);
}

/** Values as plain numbers, whatever the stored dtype. */
export function toNumbers(a: NdArray): number[] {
  return Array.from(toFloat64(a));
}

/** Raw little-endian bytes of the array (for protobuf and hashing). */
export function toBytes(a: NdArray): Uint8Array {
  const d = a.data;
  return new Uint8Array(d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength));
}

/** Rebuild typed data from raw little-endian bytes. */
export function fromBytes(dtype: DType, bytes: Uint8Array): TypedData {
  const width = DTYPE_BYTES[dtype];
  if (bytes.byteLength % width !== 0) {
    throw new RangeError(`${bytes.byteLength} bytes is not a whole number of ${dtype} elements`);
  }
  const out = allocate(dtype, bytes.byteLength / width);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
