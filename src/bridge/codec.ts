// Little-endian field codec behind the generated message table (src/bridge/gen/messages.ts).

export type FieldType = 'u8' | 'u16' | 'u32' | 'u64' | 'bytes';
/** [field name, wire type] in wire order; a `bytes` field is last and takes the rest. */
export type FieldLayout = ReadonlyArray<readonly [string, FieldType]>;

const WIDTH = { u8: 1, u16: 2, u32: 4, u64: 8 } as const;

/** Bytes of a layout holding the given values. */
function sizeOf(layout: FieldLayout, values: Record<string, unknown>): number {
  let n = 0;
  for (const [name, type] of layout) {
    n += type === 'bytes' ? (values[name] as Uint8Array).length : WIDTH[type];
  }
  return n;
}

/** Write values in layout order; a number out of its field's range is a RangeError. */
export function writeFields(layout: FieldLayout, values: Record<string, unknown>): Uint8Array {
  const out = new Uint8Array(sizeOf(layout, values));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const [name, type] of layout) {
    const v = values[name];
    if (type === 'bytes') {
      out.set(v as Uint8Array, at);
      at += (v as Uint8Array).length;
      continue;
    }
    if (type === 'u64') {
      view.setBigUint64(at, BigInt.asUintN(64, checkU64(name, v)), true);
    } else {
      const n = checkUint(name, v, WIDTH[type]);
      if (type === 'u8') view.setUint8(at, n);
      else if (type === 'u16') view.setUint16(at, n, true);
      else view.setUint32(at, n, true);
    }
    at += WIDTH[type];
  }
  return out;
}

/** Read a payload laid out as `layout`; the length must match exactly (bytes take the rest). */
export function readFields(
  kind: string,
  layout: FieldLayout,
  p: Uint8Array,
): Record<string, unknown> {
  const fixed = layout.reduce((a, [, t]) => a + (t === 'bytes' ? 0 : WIDTH[t]), 0);
  const hasTail = layout.length > 0 && layout[layout.length - 1]![1] === 'bytes';
  if (hasTail ? p.length < fixed : p.length !== fixed) {
    throw new RangeError(
      `${kind} payload has ${p.length} bytes, expected ${hasTail ? 'at least ' : ''}${fixed}`,
    );
  }

  // Fixed fields in order, then the tail.
  const view = new DataView(p.buffer, p.byteOffset, p.byteLength);
  const out: Record<string, unknown> = {};
  let at = 0;
  for (const [name, type] of layout) {
    if (type === 'bytes') {
      out[name] = p.slice(at);
      continue;
    }
    if (type === 'u8') out[name] = view.getUint8(at);
    else if (type === 'u16') out[name] = view.getUint16(at, true);
    else if (type === 'u32') out[name] = view.getUint32(at, true);
    else out[name] = view.getBigUint64(at, true);
    at += WIDTH[type];
  }
  return out;
}

function checkUint(name: string, v: unknown, bytes: number): number {
  const max = 2 ** (8 * bytes) - 1;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
    throw new RangeError(`field ${name} must be an integer in 0..${max}, got ${String(v)}`);
  }
  return v;
}

function checkU64(name: string, v: unknown): bigint {
  if (typeof v !== 'bigint' || v < 0n || v >= 1n << 64n) {
    throw new RangeError(`field ${name} must be a bigint in 0..2^64-1, got ${String(v)}`);
  }
  return v;
}
