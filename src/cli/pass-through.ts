// Target-specific options: `--key value` / `--flag` pairs commander did not know, handed to the
// adapter as a record so each target can add its own options without touching the shared verbs.
import { DynalignError } from '../util/errors.js';

/** Parse leftover argv words into { key: value | true }; numbers stay strings for the target. */
export function parsePassThrough(words: readonly string[]): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.startsWith('--')) {
      throw new DynalignError('E_USAGE', 'unexpected argument', { value: w, fix: 'see --help' });
    }
    const eq = w.indexOf('=');
    if (eq > 0) {
      out[toCamel(w.slice(2, eq))] = w.slice(eq + 1);
      continue;
    }
    const next = words[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      out[toCamel(w.slice(2))] = next;
      i++;
    } else {
      out[toCamel(w.slice(2))] = true;
    }
  }
  return out;
}

function toCamel(s: string): string {
  return s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
