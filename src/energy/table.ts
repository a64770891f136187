// Per-operation energy tables of the targets, validated against schemas/energy-table.schema.json.
import { readFileSync } from 'node:fs';
import { assertValid } from '../util/schema.js';
import { DynalignError } from '../util/errors.js';

export type FigureKind =
  'measured' | 'calibrated' | 'pre-silicon-simulation' | 'estimate' | 'datasheet';

export interface EnergyFigure {
  value: number;
  range?: [number, number];
  unit: string;
  source: string;
  year: number;
  kind: FigureKind;
  note?: string;
}

export type CountName =
  'synops' | 'macs' | 'neuronUpdates' | 'spikes' | 'weightReads' | 'cycles' | 'steps';

export interface EnergyTable {
  target: string;
  description?: string;
  figures: Record<string, EnergyFigure>;
  terms: Array<{ count: CountName; figure: string }>;
  static?: { powerFigure: string; stepSecondsFigure?: string; clockHzFigure?: string };
}

/** Read and validate an energy table; a figure named by a term must exist. */
export function loadEnergyTable(path: string): EnergyTable {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new DynalignError('E_ENERGY_TABLE', 'cannot read energy table as JSON', {
      file: path,
      fix: 'restore the file from the repository',
      cause,
    });
  }
  assertValid('energy-table.schema.json', data, path);
  const table = data as EnergyTable;
  const refs = [
    ...table.terms.map((t) => t.figure),
    table.static?.powerFigure,
    table.static?.stepSecondsFigure,
    table.static?.clockHzFigure,
  ];
  for (const ref of refs) {
    if (ref !== undefined && !(ref in table.figures)) {
      throw new DynalignError('E_ENERGY_TABLE', 'a term refers to a figure that is not defined', {
        file: path,
        field: '/terms',
        value: ref,
        fix: `define figures.${ref} or remove the term`,
      });
    }
  }
  return table;
}
