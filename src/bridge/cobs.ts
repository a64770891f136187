// Consistent Overhead Byte Stuffing (Cheshire & Baker 1999): removes every 0x00 from a frame so
// 0x00 can delimit frames on the wire; worst-case overhead 1 byte per 254.

/** Largest encoded size of n bytes: one code byte per started block of 254, plus one. */
export function cobsMaxEncoded(n: number): number {
  return n + Math.floor(n / 254) + 1;
}

/** Encode bytes so the result holds no 0x00. */
export function cobsEncode(src: Uint8Array): Uint8Array {
  const out = new Uint8Array(cobsMaxEncoded(src.length));
  let codeAt = 0;
  let at = 1;
  let code = 1;
  for (let i = 0; i < src.length; i++) {
    const b = src[i]!;
    if (b !== 0) {
      out[at++] = b;
      code++;
    }
    if (b === 0 || code === 0xff) {
      out[codeAt] = code;
      code = 1;
      codeAt = at++;
    }
  }
  out[codeAt] = code;
  return out.subarray(0, at);
}

/** Decode a COBS block (without its delimiter); undefined when it is malformed. */
export function cobsDecode(src: Uint8Array): Uint8Array | undefined {
  const out = new Uint8Array(src.length);
  let at = 0;
  let i = 0;
  while (i < src.length) {
    const code = src[i++]!;
    if (code === 0 || i + code - 1 > src.length) return undefined;
    for (let k = 1; k < code; k++) {
      const b = src[i++]!;
      if (b === 0) return undefined;
      out[at++] = b;
    }
    if (code !== 0xff && i < src.length) out[at++] = 0;
  }
  return out.subarray(0, at);
}
