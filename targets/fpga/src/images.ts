// Memory images and the config blob of README §5, built from a quantised program.
import { LTAB_WORDS } from './arch.js';
import type { FpgaProgram } from './quantize.js';

export interface Images {
  /** WMEM words (L·Wb bits each), BMEM words (S-bit two's complement), params words (32 bits). */
  wmem: Uint32Array;
  bmem: Uint32Array;
  params: Uint32Array;
}

// Two's complement of v in `bits` bits, as an unsigned number.
function twos(v: number, bits: number): number {
  return v < 0 ? v + 2 ** bits : v;
}

/** Build the three memory images (README §4 layouts). */
export function buildImages(prog: FpgaProgram, maxLayers = prog.layers.length): Images {
  const { lanes, weightBits: wb, stateBits: s } = prog.arch;

  // WMEM: row i of layer l is words wBase + i·R + k; lane p holds the weight to neuron kL + p.
  const wmem = new Uint32Array(Math.max(1, prog.wmemWords));
  for (const l of prog.layers) {
    for (let i = 0; i < l.nIn; i++) {
      for (let k = 0; k < l.rows; k++) {
        let word = 0;
        for (let p = 0; p < lanes; p++) {
          const j = k * lanes + p;
          if (j < l.nOut) word += twos(l.weightT[i * l.nOut + j]!, wb) * 2 ** (p * wb);
        }
        wmem[l.wBase + i * l.rows + k] = word;
      }
    }
  }

  // BMEM: one bias per neuron at nBase + j.
  const bmem = new Uint32Array(Math.max(1, prog.neurons));
  for (const l of prog.layers) l.bias.forEach((b, j) => (bmem[l.nBase + j] = twos(b, s)));
  return { wmem, bmem, params: paramWords(prog, maxLayers) };
}

/** CONFIG, NLAYERS and 8 layer-table words per layer (README §4), for CSR 0x10 onward. */
export function paramWords(prog: FpgaProgram, maxLayers: number): Uint32Array {
  const w = new Uint32Array(2 + LTAB_WORDS * maxLayers);
  w[0] = prog.reset === 'zero' ? 1 : 0;
  w[1] = prog.layers.length;
  prog.layers.forEach((l, n) => {
    const o = 2 + LTAB_WORDS * n;
    w[o] = (l.nIn & 0xffff) + (l.nOut & 0xffff) * 0x10000;
    w[o + 1] = l.rows;
    w[o + 2] = l.wBase;
    w[o + 3] = l.nBase;
    w[o + 4] = twos(l.theta, 32);
    w[o + 5] = twos(l.vReset, 32);
    w[o + 6] = l.leak;
    w[o + 7] = twos(l.shift, 32);
  });
  return w;
}

/** `$readmemh` text: one word per line, `bits` wide, zero words appended up to `depth`. */
export function toHex(words: Uint32Array, bits: number, depth = words.length): string {
  const digits = Math.ceil(bits / 4);
  const lines = Array.from(words, (v) => v.toString(16).padStart(digits, '0'));
  while (lines.length < depth) lines.push('0'.repeat(digits));
  return lines.join('\n') + '\n';
}

/** The config blob of README §5: header, params, WMEM, BMEM (sign-extended), CRC-32. */
export function configBlob(prog: FpgaProgram, img: Images): Uint8Array {
  const { stateBits: s } = prog.arch;
  const words = img.params.length + img.wmem.length + img.bmem.length;
  const buf = new ArrayBuffer(20 + 4 * words + 4);
  const dv = new DataView(buf);
  const bytes = new Uint8Array(buf);
  bytes.set([0x44, 0x4c, 0x43, 0x42], 0);
  dv.setUint16(4, 1, true);
  dv.setUint8(6, prog.arch.weightBits);
  dv.setUint8(7, s);
  dv.setUint8(8, prog.arch.lanes);
  dv.setUint8(9, prog.arch.leak === 'shift' ? 1 : 0);
  dv.setUint16(10, img.params.length, true);
  dv.setUint32(12, img.wmem.length, true);
  dv.setUint32(16, img.bmem.length, true);
  let o = 20;
  for (const v of img.params) (dv.setUint32(o, v, true), (o += 4));
  for (const v of img.wmem) (dv.setUint32(o, v, true), (o += 4));
  for (const v of img.bmem) (dv.setInt32(o, v >= 2 ** (s - 1) ? v - 2 ** s : v, true), (o += 4));
  dv.setUint32(o, crc32(bytes.subarray(0, o)), true);
  return bytes;
}

// CRC-32 as IEEE 802.3 (reflected polynomial 0xEDB88320, init and final xor 0xFFFFFFFF).
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE) of bytes. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
