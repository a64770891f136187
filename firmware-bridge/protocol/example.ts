// A worked example frame for the README, built from the spec with the host's COBS and CRC
// routines (not the generated codec, so a stale codec cannot make the example wrong).
import { cobsEncode } from '../../src/bridge/cobs.js';
import { crc32 } from '../../src/bridge/crc32.js';
import { HEADER_BYTES, MESSAGES, PROTOCOL_VERSION } from './spec.js';
import { FIELD_BYTES, offsets, fixedSize } from './names.js';

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Markdown lines showing HELLO(version, max_payload = 2048) with seq 0x2a, byte by byte. */
export function exampleFrame(): string[] {
  const m = MESSAGES.find((x) => x.name === 'HELLO')!;
  const values: Record<string, number> = { version: PROTOCOL_VERSION, max_payload: 2048 };
  const payload = new Uint8Array(fixedSize(m));
  const offs = offsets(m);
  m.fields.forEach((f, i) => {
    if (f.type === 'bytes') return;
    for (let k = 0; k < FIELD_BYTES[f.type]; k++)
      payload[offs[i]! + k] = (values[f.name]! >> (8 * k)) & 0xff;
  });
  const body = new Uint8Array(HEADER_BYTES + payload.length + 4);
  body.set([PROTOCOL_VERSION, m.id, 0x2a], 0);
  body.set(payload, HEADER_BYTES);
  const crc = crc32(body.subarray(0, HEADER_BYTES + payload.length));
  new DataView(body.buffer).setUint32(HEADER_BYTES + payload.length, crc, true);
  const enc = cobsEncode(body);
  return [
    `Example: HELLO (version ${PROTOCOL_VERSION}, max_payload 2048) with seq 0x2a.`,
    '',
    '```',
    `body   ${hex(body)}`,
    `       version type seq | payload | CRC-32 LE (0x${crc.toString(16).padStart(8, '0')})`,
    `wire   00 ${hex(enc)} 00`,
    '```',
    '',
  ];
}
