// Errors that point and fix: a stable code, where the problem is, what was found and what to do.

/** Exit codes of the CLI: 0 ok, 1 a check failed, 2 bad input or usage. */
export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

export interface ErrorDetail {
  /** File the problem is in, when there is one. */
  file?: string;
  /** Field, node or option name (a JSON pointer where it helps). */
  field?: string;
  /** The offending value, echoed back. */
  value?: unknown;
  /** What was expected or how to fix it. */
  fix?: string;
  cause?: unknown;
}

/** Bad input or usage: the CLI prints one line and exits 2. */
export class DynalignError extends Error {
  readonly code: string;
  readonly detail: ErrorDetail;
  readonly exitCode: number;

  constructor(code: string, message: string, detail: ErrorDetail = {}, exitCode = EXIT_BAD_INPUT) {
    super(message, detail.cause === undefined ? undefined : { cause: detail.cause });
    this.name = 'DynalignError';
    this.code = code;
    this.detail = detail;
    this.exitCode = exitCode;
  }

  /** One line for stderr: code, file, field, value, message and fix. */
  format(): string {
    const d = this.detail;
    const where = [d.file, d.field].filter((s) => s !== undefined && s !== '').join(': ');
    const value = d.value === undefined ? '' : ` (got ${formatValue(d.value)})`;
    const fix = d.fix ? `; fix: ${d.fix}` : '';
    return `dynalign: ${this.code}: ${where ? where + ': ' : ''}${this.message}${value}${fix}`;
  }
}

/** A verification that ran and found a difference: exit 1. */
export class CheckFailedError extends DynalignError {
  constructor(code: string, message: string, detail: ErrorDetail = {}) {
    super(code, message, detail, 1);
    this.name = 'CheckFailedError';
  }
}

function formatValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 120 ? s.slice(0, 117) + '...' : s;
  } catch {
    return String(v);
  }
}

/** Closest candidate by edit distance, for did-you-mean hints; undefined when nothing is close. */
export function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
