// Markdown emitter: the byte-by-byte tables of every message for firmware-bridge/README.md.
import {
  BACKENDS,
  CAPS,
  CONFIG_REASONS,
  FRAME_FAULTS,
  COUNTER_FLAGS,
  ERROR_CODES,
  MESSAGES,
  type CodeSpec,
} from './spec.js';
import { FIELD_BYTES, offsets } from './names.js';
import { exampleFrame } from './example.js';

/** The generated part of the README (between the wire markers). */
export function emitMarkdown(stamp: string): string {
  const out = [`<!-- ${stamp} -->`, '', ...exampleFrame()];
  for (const m of MESSAGES) {
    const to = m.from === 'host' ? 'device' : 'host';
    out.push(`#### ${m.name} (type 0x${m.id.toString(16).padStart(2, '0')}, ${m.from} → ${to})`);
    out.push('', m.doc, '');
    if (m.fields.length === 0) {
      out.push('Empty payload (0 bytes).', '');
      continue;
    }
    out.push('| byte | size | field | type | meaning |', '|---|---|---|---|---|');
    const offs = offsets(m);
    m.fields.forEach((f, i) => {
      const size = f.type === 'bytes' ? 'rest' : String(FIELD_BYTES[f.type]);
      out.push(`| ${offs[i]} | ${size} | \`${f.name}\` | ${f.type} | ${f.doc} |`);
    });
    out.push('');
  }
  out.push(...codeList('ERROR codes', ERROR_CODES), ...codeList('Back ends', BACKENDS));
  out.push(...codeList('Capability bits', CAPS), ...codeList('COUNTERS flags', COUNTER_FLAGS));
  out.push(...codeList('CONFIG reasons (ERROR CONFIG arg0)', CONFIG_REASONS));
  out.push(...codeList('NAK faults', FRAME_FAULTS));
  return out.join('\n');
}

function codeList(title: string, list: CodeSpec[]): string[] {
  return [
    `#### ${title}`,
    '',
    '| value | name | meaning |',
    '|---|---|---|',
    ...list.map((c) => `| ${c.value} | ${c.name} | ${c.doc} |`),
    '',
  ];
}
