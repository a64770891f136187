// Frames on the wire: 0x00, COBS(version, type, seq, payload, CRC-32 LE), 0x00. The receiver
// splits on 0x00, drops empty pieces, and discards pieces that fail COBS, length or CRC checks.
import { cobsDecode, cobsEncode, cobsMaxEncoded } from './cobs.js';
import { crc32 } from './crc32.js';
import { CRC_BYTES, HEADER_BYTES, MAX_PAYLOAD } from './gen/messages.js';

export interface Frame {
  version: number;
  type: number;
  seq: number;
  payload: Uint8Array;
}

/** Why a piece of the byte stream was thrown away. */
export type FrameFault = 'cobs' | 'short' | 'crc' | 'overflow';

/** Longest COBS piece a valid frame can produce (longer ones are garbage). */
export const MAX_ENCODED = cobsMaxEncoded(HEADER_BYTES + MAX_PAYLOAD + CRC_BYTES);

/** The bytes of one frame, delimiters included. */
export function encodeFrame(f: Frame): Uint8Array {
  const body = new Uint8Array(HEADER_BYTES + f.payload.length + CRC_BYTES);
  body[0] = f.version;
  body[1] = f.type;
  body[2] = f.seq;
  body.set(f.payload, HEADER_BYTES);
  const crc = crc32(body.subarray(0, HEADER_BYTES + f.payload.length));
  new DataView(body.buffer).setUint32(HEADER_BYTES + f.payload.length, crc, true);
  const enc = cobsEncode(body);
  const out = new Uint8Array(enc.length + 2);
  out.set(enc, 1);
  return out;
}

/** Check one COBS piece (no delimiters) and return its frame or the reason it failed. */
export function decodePiece(piece: Uint8Array): Frame | FrameFault {
  const body = cobsDecode(piece);
  if (body === undefined) return 'cobs';
  if (body.length < HEADER_BYTES + CRC_BYTES) return 'short';
  const end = body.length - CRC_BYTES;
  const want = new DataView(body.buffer, body.byteOffset).getUint32(end, true);
  if (crc32(body.subarray(0, end)) !== want) return 'crc';
  return {
    version: body[0]!,
    type: body[1]!,
    seq: body[2]!,
    payload: body.slice(HEADER_BYTES, end),
  };
}

/** Incremental receiver: feed it bytes as they arrive, get whole frames back. */
export class FrameDecoder {
  private buf = new Uint8Array(MAX_ENCODED);
  private len = 0;
  private overflowed = false;
  /** Pieces discarded, by reason (for link statistics). */
  readonly faults: Record<FrameFault, number> = { cobs: 0, short: 0, crc: 0, overflow: 0 };

  /** Frames completed by these bytes, in order. */
  push(bytes: Uint8Array): Frame[] {
    const frames: Frame[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (b !== 0) {
        if (this.len < MAX_ENCODED) this.buf[this.len++] = b;
        else this.overflowed = true;
        continue;
      }

      // A delimiter ends the piece: empty pieces are padding, overlong ones garbage.
      if (this.overflowed) this.faults.overflow++;
      else if (this.len > 0) {
        const r = decodePiece(this.buf.subarray(0, this.len));
        if (typeof r === 'string') this.faults[r]++;
        else frames.push(r);
      }
      this.len = 0;
      this.overflowed = false;
    }
    return frames;
  }
}
