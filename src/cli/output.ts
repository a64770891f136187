// CLI plumbing: results to stdout, progress to stderr, errors mapped to exit codes.
import ora from 'ora';
import cliProgress from 'cli-progress';
import { DynalignError } from '../util/errors.js';

let emitted = false;

/** Whether a result was printed (a failed check after it must not add a second JSON object). */
export function hasEmitted(): boolean {
  return emitted;
}

/** Print a command's result: one JSON object with --json, else the given text. */
export function emit(json: boolean, result: unknown, text: () => string): void {
  emitted = true;
  process.stdout.write(json ? JSON.stringify(result, jsonReplacer, 2) + '\n' : text() + '\n');
}

function jsonReplacer(_k: string, v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (ArrayBuffer.isView(v) && !(v instanceof DataView))
    return Array.from(v as unknown as ArrayLike<number>);
  return v;
}

/** A spinner on stderr for one stage; silent when stderr is not a terminal. */
export function stage(text: string, quiet = false): Stage {
  if (process.stderr.isTTY === true && !quiet) {
    return ora({ text, stream: process.stderr }).start();
  }

  // Piped or quiet: plain lines, no spinner frames or colour codes.
  const line = (mark: string, t?: string) => {
    if (!quiet) process.stderr.write(`${mark} ${t ?? text}\n`);
  };
  return { succeed: (t) => line('ok', t), fail: (t) => line('failed', t), stop: () => {} };
}

/** The part of a spinner the commands use. */
export interface Stage {
  succeed(text?: string): unknown;
  fail(text?: string): unknown;
  stop(): unknown;
}

/** Log a line of progress to stderr (never stdout). */
export function log(line: string): void {
  process.stderr.write(line + '\n');
}

/** A progress bar on stderr (e.g. training epochs). */
export function progressBar(label: string, total: number): cliProgress.SingleBar {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} {status}`,
      stream: process.stderr,
      noTTYOutput: false,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { status: '' });
  return bar;
}

/** Parse a finite number option or throw a usage error naming the option. */
export function parseNumber(
  option: string,
  value: string,
  check?: (v: number) => string | undefined,
): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v)) {
    throw new DynalignError('E_USAGE', 'expected a number', {
      field: option,
      value,
      fix: `pass a number, e.g. ${option} 2`,
    });
  }
  const problem = check?.(v);
  if (problem)
    throw new DynalignError('E_USAGE', problem, { field: option, value: v, fix: problem });
  return v;
}

/** Parse an integer option (>= min). */
export function parseInteger(option: string, value: string, min = 0): number {
  const v = parseNumber(option, value);
  if (!Number.isInteger(v) || v < min) {
    throw new DynalignError('E_USAGE', `expected an integer >= ${min}`, {
      field: option,
      value,
      fix: `pass a whole number of at least ${min}`,
    });
  }
  return v;
}
