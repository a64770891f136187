// The clock a latency is computed at: --clock-mhz, else the UP5K clock in energy.json.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DynalignError } from '../../../src/util/errors.js';
import type { TargetOptions } from './prepare.js';

export const ENERGY_TABLE_PATH = fileURLToPath(new URL('../energy.json', import.meta.url));
// The figure of energy.json that holds the clock the UP5K build runs at.
export const CLOCK_FIGURE = 'clockHz';

/** Clock frequency in Hz and where it came from. */
export function clockHz(options: TargetOptions): { hz: number; source: string } {
  const opt = options?.clockMhz;
  if (opt !== undefined) {
    const mhz = Number(opt);
    if (typeof opt === 'boolean' || !Number.isFinite(mhz) || mhz <= 0) {
      throw new DynalignError('E_USAGE', 'clock must be a positive number of MHz', {
        field: '--clock-mhz',
        value: opt,
        fix: 'pass e.g. --clock-mhz 12',
      });
    }
    return { hz: mhz * 1e6, source: '--clock-mhz' };
  }
  const table = JSON.parse(readFileSync(ENERGY_TABLE_PATH, 'utf8')) as {
    figures: Record<string, { value: number; source: string }>;
  };
  const fig = table.figures[CLOCK_FIGURE]!;
  return { hz: fig.value, source: `energy.json ${CLOCK_FIGURE}: ${fig.source}` };
}
