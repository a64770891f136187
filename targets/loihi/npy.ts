// NumPy .npy files (format version 1.0): magic, header length, a Python-dict header padded to a
// multiple of 64 bytes and ending in a newline, then the raw little-endian C-order data.

const MAGIC = [0x93, ...Array.from('NUMPY', (c) => c.charCodeAt(0))];

/** The bytes of an .npy file holding int32, uint8 or float32 data of the given shape. */
export function encodeNpy(
  data: Int32Array | Uint8Array | Float32Array,
  shape: number[],
): Uint8Array {
  const descr = data instanceof Int32Array ? '<i4' : data instanceof Float32Array ? '<f4' : '|u1';
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${dims}), }`;
  const unpadded = MAGIC.length + 2 + 2 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(MAGIC.length + 4 + header.length + data.byteLength);
  out.set(MAGIC, 0);
  out.set([1, 0], MAGIC.length);
  new DataView(out.buffer).setUint16(MAGIC.length + 2, header.length, true);
  out.set(
    Array.from(header, (c) => c.charCodeAt(0)),
    MAGIC.length + 4,
  );
  out.set(
    new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    MAGIC.length + 4 + header.length,
  );
  return out;
}

/** Parse an .npy file written by encodeNpy or numpy (int32, uint8 or float32, C order). */
export function decodeNpy(bytes: Uint8Array): {
  data: Int32Array | Uint8Array | Float32Array;
  shape: number[];
} {
  if (
    bytes.length < 10 ||
    bytes[0] !== 0x93 ||
    String.fromCharCode(...bytes.subarray(1, 6)) !== 'NUMPY'
  ) {
    throw new TypeError('not an .npy file (no \\x93NUMPY magic)');
  }
  // Version 1 stores the header length in 2 bytes, versions 2 and 3 in 4.
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const wide = bytes[6]! >= 2;
  const len = wide ? view.getUint32(8, true) : view.getUint16(8, true);
  const start = wide ? 12 : 10;
  const header = new TextDecoder().decode(bytes.subarray(start, start + len));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const shape = (/'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (/True/.test(/'fortran_order':\s*(\w+)/.exec(header)?.[1] ?? ''))
    throw new TypeError('Fortran-order .npy is not supported');
  const body = bytes.slice(start + len);
  if (descr === '<i4')
    return { data: new Int32Array(body.buffer, body.byteOffset, body.byteLength / 4), shape };
  if (descr === '|u1') return { data: body, shape };
  if (descr === '<f4')
    return { data: new Float32Array(body.buffer, body.byteOffset, body.byteLength / 4), shape };
  throw new TypeError(`unsupported .npy dtype ${descr}`);
}
