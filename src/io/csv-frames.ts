// Checks a `simulate --input` CSV before it is parsed, naming the file's own line numbers: an
// empty file, a cell that is not a finite number, or a header line nobody announced are refused.
import { DynalignError } from '../util/errors.js';

/** Cell separators the CSV reader (src/ir/sim/input-array.ts framesFromCsv) accepts. */
const CELL_SEPARATOR = /[,;\s]+/;

/**
 * Throw an exit-2 DynalignError unless every data line holds at least `size` finite numbers.
 * Lines starting with '#' are comments; the first data line may be a header of column names
 * only when `header` is set (`--header`).
 */
export function checkCsvFrames(text: string, size: number, file: string, header = false): void {
  const lines = text.split(/\r?\n/).map((l, k) => [k + 1, l.trim()] as const)
    .filter(([, l]) => l !== '' && !l.startsWith('#'));
  const named = header ? lines.shift() : undefined;
  if (named && named[1].split(CELL_SEPARATOR).every((c) => Number.isFinite(Number(c)))) {
    throw new DynalignError('E_INPUT_VALUE', '--header is given but the first line is numbers', {
      file,
      field: `line ${named[0]}`,
      value: named[1],
      fix: 'drop --header, or put the column names on the first line',
    });
  }
  if (lines.length === 0) {
    throw new DynalignError('E_INPUT_EMPTY', 'the CSV holds no data rows', {
      file,
      fix: `write one step per line with ${size} number(s) each`,
    });
  }

  // Every cell the Input reads must be a finite number; a first line of names is a header.
  for (const [lineNo, line] of lines) {
    const cells = line.split(CELL_SEPARATOR).filter((c) => c !== '');
    const bad = cells.slice(0, size).findIndex((c) => !Number.isFinite(Number(c)));
    if (bad < 0 && cells.length < size) {
      throw new DynalignError('E_INPUT_SHAPE', `line ${lineNo} has ${cells.length} column(s); ` +
        `the Input takes ${size} values per step`, { file, field: `line ${lineNo}`,
        fix: 'put one step per line, inputs first' });
    }
    if (bad < 0) continue;
    const isNames = cells.every((c) => Number.isNaN(Number(c)) && /^[A-Za-z_]/.test(c) &&
      !/^nan$/i.test(c));
    const first = lineNo === lines[0]![0];
    throw new DynalignError('E_INPUT_VALUE', first && isNames
      ? 'the first line looks like a header of column names'
      : `line ${lineNo} column ${bad + 1} is not a finite number`, {
      file,
      field: `line ${lineNo}`,
      value: first && isNames ? line : cells[bad],
      fix: first && isNames
        ? "start a header line with '#', or pass --header"
        : 'write finite numbers only (no NaN, Infinity or text)',
    });
  }
}
