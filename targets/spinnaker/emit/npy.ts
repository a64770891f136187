// A minimal .npy (format 1.0) writer: numpy's magic, a little-endian dtype header padded to a
// multiple of 64 bytes, then the raw C-order data. The npm packages found (npyjs,
// numpy-parser) only read, so the few lines are written here.

export type NpyData = Float64Array | Float32Array | Int32Array | Uint16Array | Uint8Array;

const DESCR: Array<[new (n: number) => NpyData, string]> = [
  [Float64Array, '<f8'],
  [Float32Array, '<f4'],
  [Int32Array, '<i4'],
  [Uint16Array, '<u2'],
  [Uint8Array, '|u1'],
];

/** The numpy dtype string of a typed array. */
function descrOf(data: NpyData): string {
  for (const [ctor, descr] of DESCR) if (data instanceof ctor) return descr;
  throw new TypeError('unsupported typed array for .npy');
}

/** Bytes of a .npy file holding `data` with the given C-order shape. */
export function encodeNpy(data: NpyData, shape: number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length)
    throw new RangeError(`shape ${shape} needs ${count} values, got ${data.length}`);
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descrOf(data)}', 'fortran_order': False, 'shape': ${shapeText}, }`;

  // Magic (6) + version (2) + header length (2) + header + '\n' is padded to a multiple of 64.
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}

/** Read back a .npy written by encodeNpy (tests and emulation from artefacts). */
export function decodeNpy(bytes: Uint8Array): { descr: string; shape: number[]; data: NpyData } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = view.getUint16(8, true);
  const header = new TextDecoder().decode(bytes.subarray(10, 10 + len));
  const descr = /'descr': '([^']+)'/.exec(header)?.[1] ?? '';
  const shape = (/'shape': \(([^)]*)\)/.exec(header)?.[1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  const ctor = DESCR.find(([, d]) => d === descr)?.[0];
  if (!ctor) throw new TypeError(`unsupported .npy dtype ${descr}`);
  const body = Uint8Array.from(bytes.subarray(10 + len));
  const data = new (ctor as unknown as new (b: ArrayBuffer) => NpyData)(body.buffer);
  return { descr, shape, data };
}
