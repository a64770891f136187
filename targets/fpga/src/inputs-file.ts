// The harness's inputs file: "DLIN", n, steps, channels (u32 little-endian), then int8 codes.

/** Serialise input codes [n][steps][channels] for the Verilator harness. */
export function inputsFile(
  codes: Int8Array,
  n: number,
  steps: number,
  channels: number,
): Uint8Array {
  const out = new Uint8Array(16 + codes.length);
  const dv = new DataView(out.buffer);
  out.set([0x44, 0x4c, 0x49, 0x4e], 0);
  dv.setUint32(4, n, true);
  dv.setUint32(8, steps, true);
  dv.setUint32(12, channels, true);
  out.set(new Uint8Array(codes.buffer, codes.byteOffset, codes.length), 16);
  return out;
}
