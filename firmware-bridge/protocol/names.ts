// Naming and sizing helpers shared by the C, TypeScript and Markdown emitters.
import type { FieldSpec, FieldType, MessageSpec } from './spec.js';

/** Bytes a fixed field takes on the wire (little-endian); `bytes` has no fixed size. */
export const FIELD_BYTES: Record<Exclude<FieldType, 'bytes'>, number> = {
  u8: 1,
  u16: 2,
  u32: 4,
  u64: 8,
};

/** HELLO_REPLY → HelloReply. */
export function pascal(name: string): string {
  return name
    .toLowerCase()
    .split('_')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** max_payload → maxPayload. */
export function camel(name: string): string {
  const p = pascal(name);
  return p[0]!.toLowerCase() + p.slice(1);
}

/** Bytes of the fixed part of a message (every field except a trailing `bytes`). */
export function fixedSize(m: MessageSpec): number {
  return m.fields.reduce((a, f) => a + (f.type === 'bytes' ? 0 : FIELD_BYTES[f.type]), 0);
}

/** The trailing variable field of a message, if any. */
export function tailField(m: MessageSpec): FieldSpec | undefined {
  const last = m.fields[m.fields.length - 1];
  return last?.type === 'bytes' ? last : undefined;
}

/** Byte offset of every field in the payload (a `bytes` field starts at the fixed size). */
export function offsets(m: MessageSpec): number[] {
  const out: number[] = [];
  let at = 0;
  for (const f of m.fields) {
    out.push(at);
    if (f.type !== 'bytes') at += FIELD_BYTES[f.type];
  }
  return out;
}

/** Reject specs the emitters cannot express: a `bytes` field that is not last, duplicate ids. */
export function checkSpec(messages: readonly MessageSpec[]): void {
  const ids = new Set<number>();
  for (const m of messages) {
    if (ids.has(m.id)) throw new Error(`message id 0x${m.id.toString(16)} used twice`);
    ids.add(m.id);
    m.fields.forEach((f, i) => {
      if (f.type === 'bytes' && i !== m.fields.length - 1) {
        throw new Error(`${m.name}.${f.name}: a bytes field must be the last field`);
      }
    });
  }
}

/** Generated lines stay within the house limit of 100 columns (STYLE.md). */
export const MAX_COLUMNS = 100;

/**
 * A comment split into lines of at most MAX_COLUMNS: `first` opens it, `next` continues it and
 * `close` ends it ('' for line comments), so long protocol docs stay readable in C and TS.
 */
export function wrapComment(text: string, first: string, next: string, close = ''): string[] {
  const lines: string[] = [];
  const room = MAX_COLUMNS - (close ? close.length + 1 : 0);
  let line = first;
  let words = 0;
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    if (words > 0 && line.length + 1 + word.length > room) {
      lines.push(line);
      line = next;
      words = 0;
    }
    line += (words > 0 ? ' ' : '') + word;
    words++;
  }
  lines.push(close ? `${line} ${close}` : line);
  return lines;
}
