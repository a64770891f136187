// The SpiNNaker target: sPyNNaker 7.x fixed-point emulation, a runnable PyNN script and core
// placement, behind the shared TargetAdapter interface.
import { fileURLToPath } from 'node:url';
import type { TargetAdapter } from '../../src/targets/adapter.js';
import { loadEnergyTable, type EnergyTable } from '../../src/energy/table.js';
import { compileSpinnaker } from './compile.js';
import { emulateSpinnaker } from './emulate.js';
import { parseOptions } from './mapping/options.js';
import { DynalignError } from '../../src/util/errors.js';

const ENERGY_FILE = fileURLToPath(new URL('./energy.json', import.meta.url));

/** The adapter the registry loads for `--target spinnaker`. */
export const adapter: TargetAdapter = {
  name: 'spinnaker',
  description:
    'SpiNNaker 1 through PyNN/sPyNNaker 7.x: IF_curr_delta/IF_curr_exp in s16.15, 16-bit ' +
    'synaptic weights with per-receptor shifts, integer delays; 256 neurons per core',
  compile: (model, opts) => compileSpinnaker(model, opts),
  emulate: (model, inputs, opts) => emulateSpinnaker(model, inputs, opts?.options),
  checkOptions: checkSpinnakerOptions,
  energyTable: (): EnergyTable => loadEnergyTable(ENERGY_FILE),
};

/** mapping/options.ts refuses unknown names and --trace; --agreement is not computed here. */
function checkSpinnakerOptions(options: Record<string, string | number | boolean>): void {
  if (options.agreement !== undefined) {
    throw new DynalignError('E_USAGE', '--agreement is not offered by the SpiNNaker target', {
      field: '--agreement',
      fix: 'the float comparison is in the --json output (extra); or use --target int',
    });
  }
  parseOptions(options);
}
