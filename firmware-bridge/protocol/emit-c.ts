// C99 emitter: one struct, one decoder and one encoder per message, no heap, no libc beyond
// <stdint.h>/<stddef.h>. Multi-byte fields are little-endian (spec.ts, README "Wire format").
import {
  BACKENDS,
  CAPS,
  CONFIG_REASONS,
  FRAME_FAULTS,
  COUNTER_FLAGS,
  CRC_BYTES,
  ERROR_CODES,
  HEADER_BYTES,
  MAX_PAYLOAD,
  MESSAGES,
  PROTOCOL_VERSION,
  type CodeSpec,
  type MessageSpec,
} from './spec.js';
import { FIELD_BYTES, fixedSize, offsets, tailField, wrapComment } from './names.js';

const C_TYPES = { u8: 'uint8_t', u16: 'uint16_t', u32: 'uint32_t', u64: 'uint64_t' } as const;

/** The header dl-proto.h. */
export function emitHeader(stamp: string): string {
  const lines = [
    ...wrapComment(stamp, '/* ', ' * ', '*/'),
    '#ifndef DL_PROTO_H',
    '#define DL_PROTO_H',
    '',
    '#include <stddef.h>',
    '#include <stdint.h>',
    '',
    `#define DL_PROTOCOL_VERSION ${PROTOCOL_VERSION}`,
    `#define DL_MAX_PAYLOAD ${MAX_PAYLOAD}`,
    `#define DL_HEADER_BYTES ${HEADER_BYTES}`,
    `#define DL_CRC_BYTES ${CRC_BYTES}`,
    '',
    ...MESSAGES.map((m) => `#define DL_MSG_${m.name} 0x${hex2(m.id)}`),
    '',
    ...codes('DL_ERR_', ERROR_CODES),
    ...codes('DL_BACKEND_', BACKENDS),
    ...codes('DL_CAP_', CAPS),
    ...codes('DL_COUNTER_', COUNTER_FLAGS),
    ...codes('DL_CFG_', CONFIG_REASONS),
    ...codes('DL_FAULT_', FRAME_FAULTS),
  ];
  for (const m of MESSAGES) lines.push('', ...structOf(m));
  lines.push('', '#endif', '');
  return lines.join('\n');
}

/** The source dl-proto.c. */
export function emitSource(stamp: string): string {
  const lines = [
    ...wrapComment(stamp, '/* ', ' * ', '*/'),
    '#include "dl-proto.h"',
    '',
    'static uint64_t get_le(const uint8_t *p, int n) {',
    '  uint64_t v = 0;',
    '  for (int i = n - 1; i >= 0; i--) v = (v << 8) | p[i];',
    '  return v;',
    '}',
    '',
    'static void put_le(uint8_t *p, uint64_t v, int n) {',
    '  for (int i = 0; i < n; i++) p[i] = (uint8_t)(v >> (8 * i));',
    '}',
  ];
  for (const m of MESSAGES) lines.push('', ...decoderOf(m), '', ...encoderOf(m));
  lines.push('');
  return lines.join('\n');
}

function codes(prefix: string, list: CodeSpec[]): string[] {
  return [...list.map((c) => `#define ${prefix}${c.name} ${c.value}u /* ${c.doc} */`), ''];
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

function cName(m: MessageSpec): string {
  return m.name.toLowerCase();
}

function structOf(m: MessageSpec): string[] {
  const n = cName(m);
  const to = m.from === 'host' ? 'device' : 'host';
  const body = m.fields.flatMap((f) =>
    f.type === 'bytes'
      ? [`  const uint8_t *${f.name}; /* ${f.doc} */`, `  uint16_t ${f.name}_len;`]
      : [`  ${C_TYPES[f.type]} ${f.name}; /* ${f.doc} */`],
  );
  return [
    ...wrapComment(`${m.name} (0x${hex2(m.id)}, ${m.from} to ${to}): ${m.doc}`, '/* ', ' * ', '*/'),
    'typedef struct {',
    ...(body.length > 0 ? body : ['  uint8_t none; /* no fields */']),
    `} dl_${n}_t;`,
    `#define DL_${m.name}_FIXED ${fixedSize(m)}`,
    `int dl_decode_${n}(const uint8_t *p, size_t n, dl_${n}_t *m);`,
    `int dl_encode_${n}(const dl_${n}_t *m, uint8_t *out, size_t cap);`,
  ];
}

function decoderOf(m: MessageSpec): string[] {
  const n = cName(m);
  const fixed = fixedSize(m);
  const tail = tailField(m);
  const offs = offsets(m);
  const guard = tail
    ? `  if (n < ${fixed} || n - ${fixed} > DL_MAX_PAYLOAD) return -1;`
    : `  if (n != ${fixed}) return -1;`;
  const body = m.fields.map((f, i) =>
    f.type === 'bytes'
      ? `  m->${f.name} = p + ${offs[i]};\n  m->${f.name}_len = (uint16_t)(n - ${fixed});`
      : `  m->${f.name} = (${C_TYPES[f.type]})get_le(p + ${offs[i]}, ${FIELD_BYTES[f.type]});`,
  );
  const unused = m.fields.length === 0 ? ['  (void)p;', '  m->none = 0;'] : [];
  return [
    `/* Decode a ${m.name} payload; -1 when its length is wrong. */`,
    `int dl_decode_${n}(const uint8_t *p, size_t n, dl_${n}_t *m) {`,
    guard,
    ...unused,
    ...body,
    '  return 0;',
    '}',
  ];
}

function encoderOf(m: MessageSpec): string[] {
  const n = cName(m);
  const fixed = fixedSize(m);
  const tail = tailField(m);
  const offs = offsets(m);
  const size = tail ? `${fixed} + (size_t)m->${tail.name}_len` : `${fixed}`;
  const body = m.fields.map((f, i) =>
    f.type === 'bytes'
      ? `  for (size_t i = 0; i < m->${f.name}_len; i++) out[${offs[i]} + i] = m->${f.name}[i];`
      : `  put_le(out + ${offs[i]}, m->${f.name}, ${FIELD_BYTES[f.type]});`,
  );
  const guard =
    m.fields.length === 0
      ? ['  (void)m;', '  (void)out;', '  (void)cap;']
      : [`  if (cap < ${size}) return -1;`];
  return [
    `/* Encode a ${m.name} payload into out; its length, or -1 when cap is too small. */`,
    `int dl_encode_${n}(const dl_${n}_t *m, uint8_t *out, size_t cap) {`,
    ...guard,
    ...body,
    `  return (int)${tail ? `(${size})` : size};`,
    '}',
  ];
}
