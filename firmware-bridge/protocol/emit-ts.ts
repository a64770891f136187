// TypeScript emitter: message interfaces, id and code tables, and a table-driven codec that
// reads and writes the same little-endian layout as the C side (spec.ts).
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
import { camel, fixedSize, MAX_COLUMNS, pascal, wrapComment } from './names.js';

const TS_TYPES = { u8: 'number', u16: 'number', u32: 'number', u64: 'bigint', bytes: 'Uint8Array' };

/** The module src/bridge/gen/codes.ts: protocol constants, message ids and code tables. */
export function emitTsCodes(stamp: string): string {
  return [
    ...wrapComment(stamp, '// ', '// '),
    `export const PROTOCOL_VERSION = ${PROTOCOL_VERSION};`,
    `export const MAX_PAYLOAD = ${MAX_PAYLOAD};`,
    `export const HEADER_BYTES = ${HEADER_BYTES};`,
    `export const CRC_BYTES = ${CRC_BYTES};`,
    '',
    'export const MSG = {',
    ...MESSAGES.map((m) => `  ${m.name}: 0x${m.id.toString(16).padStart(2, '0')},`),
    '} as const;',
    'export type MessageKind = keyof typeof MSG;',
    '',
    ...codeTable('ERROR_CODE', ERROR_CODES),
    ...textTable('ERROR_TEXT', ERROR_CODES),
    ...codeTable('BACKEND', BACKENDS),
    ...codeTable('CAP', CAPS),
    ...codeTable('COUNTER_FLAG', COUNTER_FLAGS),
    ...codeTable('CONFIG_REASON', CONFIG_REASONS),
    ...textTable('CONFIG_REASON_TEXT', CONFIG_REASONS),
    ...codeTable('FRAME_FAULT', FRAME_FAULTS),
  ]
    .join('\n')
    .replace(/\n+$/, '\n');
}

/** The module src/bridge/gen/messages.ts: message types, layouts and the codec. */
export function emitTs(stamp: string): string {
  return [
    ...wrapComment(stamp, '// ', '// '),
    "import { readFields, writeFields, type FieldLayout } from '../codec.js';",
    "import { MSG, type MessageKind } from './codes.js';",
    '',
    "export * from './codes.js';",
    '',
    ...MESSAGES.flatMap(iface),
    'export type Message =',
    ...MESSAGES.map((m, i) => `  | ${pascal(m.name)}${i === MESSAGES.length - 1 ? ';' : ''}`),
    '',
    '/** Field layout of every message, in wire order. */',
    'export const LAYOUTS: Record<MessageKind, FieldLayout> = {',
    ...MESSAGES.map(layout),
    '};',
    '',
    '/** Fixed bytes of every message (a trailing bytes field not counted). */',
    'export const FIXED_SIZE: Record<MessageKind, number> = {',
    ...MESSAGES.map((m) => `  ${m.name}: ${fixedSize(m)},`),
    '};',
    '',
    '/** Kind of a message id, or undefined for an unknown id. */',
    'export function kindOf(type: number): MessageKind | undefined {',
    '  return (Object.keys(MSG) as MessageKind[]).find((k) => MSG[k] === type);',
    '}',
    '',
    '/** Payload bytes of a message. */',
    'export function encodePayload(m: Message): Uint8Array {',
    '  return writeFields(LAYOUTS[m.kind], m as unknown as Record<string, unknown>);',
    '}',
    '',
    '/** Message of a payload; throws RangeError for an unknown type or a wrong length. */',
    'export function decodePayload(type: number, payload: Uint8Array): Message {',
    '  const kind = kindOf(type);',
    '  if (kind === undefined) {',
    '    throw new RangeError(`unknown message type 0x${type.toString(16)}`);',
    '  }',
    '  return { kind, ...readFields(kind, LAYOUTS[kind], payload) } as Message;',
    '}',
    '',
  ].join('\n');
}

function codeTable(name: string, list: CodeSpec[]): string[] {
  return [
    `export const ${name} = {`,
    ...list.map((c) => `  ${c.name}: ${c.value},`),
    '} as const;',
    '',
  ];
}

function textTable(name: string, list: CodeSpec[]): string[] {
  return [
    `export const ${name}: Record<number, string> = {`,
    ...list.map((c) => `  ${c.value}: ${JSON.stringify(c.doc)},`),
    '};',
    '',
  ];
}

function iface(m: MessageSpec): string[] {
  return [
    ...wrapComment(
      `${m.name} (0x${m.id.toString(16).padStart(2, '0')}, from ${m.from}): ${m.doc}`,
      '/** ',
      ' * ',
      '*/',
    ),
    `export interface ${pascal(m.name)} {`,
    `  kind: '${m.name}';`,
    ...m.fields.map((f) => `  /** ${f.doc} */\n  ${camel(f.name)}: ${TS_TYPES[f.type]};`),
    '}',
    '',
  ];
}

function layout(m: MessageSpec): string {
  const fields = m.fields.map((f) => `['${camel(f.name)}', '${f.type}']`);
  const one = `  ${m.name}: [${fields.join(', ')}],`;
  if (one.length <= MAX_COLUMNS) return one;
  return [`  ${m.name}: [`, ...fields.map((f) => `    ${f},`), '  ],'].join('\n');
}
