// The CSV traces of the NIR paper's LIF comparison (shared/fixtures/nir-paper/lif_*.csv): one row
// per time step, columns input spike(s), voltage, output spike. Lava's fixed-point file writes
// the input as an integer and voltage and spike as floats ("0,640.0,0.0"); we write the same.
import { readFile } from 'node:fs/promises';
import { DynalignError } from '../../src/util/errors.js';

/** Rows of numbers, one per line; a non-numeric cell is a DynalignError naming line and column. */
export async function readCsvRows(path: string, minColumns: number): Promise<number[][]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new DynalignError('E_INPUT_CSV', 'cannot read input CSV', {
      file: path,
      fix: 'check the path',
      cause,
    });
  }
  const rows = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return rows.map((line, i) => {
    const cells = line.split(',').map((c) => Number(c.trim()));
    const bad = cells.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0 || cells.length < minColumns) {
      throw new DynalignError('E_INPUT_CSV', 'not a numeric trace row', {
        file: path,
        field: `line ${i + 1}${bad >= 0 ? `, column ${bad + 1}` : ''}`,
        value: line.slice(0, 60),
        fix: `give at least ${minColumns} numeric columns per line (input spikes first)`,
      });
    }
    return cells;
  });
}

/** One output row: inputs as integers, then each neuron's integer voltage and spike as floats. */
export function formatTraceRow(
  inputs: ArrayLike<number>,
  v: ArrayLike<number>,
  spikes: ArrayLike<number>,
): string {
  const cells = [
    ...Array.from(inputs, (x) => String(x)),
    ...Array.from(v, (x) => `${x}.0`),
    ...Array.from(spikes, (x) => `${x}.0`),
  ];
  return cells.join(',');
}
