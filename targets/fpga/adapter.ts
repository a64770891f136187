// The FPGA target: a generated time-multiplexed LIF core, its bit- and cycle-exact emulator,
// Verilator verification and the iCE40 UP5K flow (targets/fpga/README.md).
import type { TargetAdapter } from '../../src/targets/adapter.js';
import { loadEnergyTable } from '../../src/energy/table.js';
import { compileFpga } from './src/compile.js';
import { emulateFpga } from './src/emulate.js';
import { ENERGY_TABLE_PATH } from './src/timing.js';

export const adapter: TargetAdapter = {
  name: 'fpga',
  description:
    'generated Verilog LIF core (iCE40 UP5K or generic), 4/8-bit weights, 16/24-bit state, ' +
    'Verilator-checked cycle-exact emulation',
  compile: (model, opts) => compileFpga(model, opts),
  emulate: async (model, inputs, opts) => emulateFpga(model, inputs, opts?.options),
  energyTable: () => loadEnergyTable(ENERGY_TABLE_PATH),
};
