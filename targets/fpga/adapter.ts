// The FPGA target: a generated time-multiplexed LIF core, its bit- and cycle-exact emulator,
// Verilator verification and the iCE40 UP5K flow (targets/fpga/README.md).
import type { TargetAdapter } from '../../src/targets/adapter.js';
import type { EncodedSet } from '../../src/encoding/encoder.js';
import type { EmulationResult } from '../../src/emulator/result.js';
import type { IrModel } from '../../src/ir/model.js';
import { loadEnergyTable } from '../../src/energy/table.js';
import { compileFpga } from './src/compile.js';
import { emulateFpga } from './src/emulate.js';
import { ENERGY_TABLE_PATH } from './src/timing.js';
import { verifyRtl, type RtlVerifyOptions } from './src/rtl-verify.js';

/** What `dynalign verify --rtl` calls: inputs, or a number of seeded random input sequences. */
export interface RtlVerifier {
  verifyRtl(
    model: IrModel,
    inputs: EncodedSet | number,
    o: RtlVerifyOptions,
  ): Promise<EmulationResult>;
}

/** The FPGA target as the registry loads it, with the RTL check `dynalign verify` calls. */
export const adapter: TargetAdapter & RtlVerifier = {
  name: 'fpga',
  description:
    'generated Verilog LIF core (iCE40 UP5K or generic), 4/8-bit weights, 16/24-bit state, ' +
    'Verilator-checked cycle-exact emulation',
  compile: (model, opts) => compileFpga(model, opts),
  emulate: async (model, inputs, opts) => emulateFpga(model, inputs, opts?.options),
  energyTable: () => loadEnergyTable(ENERGY_TABLE_PATH),
  verifyRtl: (model, inputs, o) => verifyRtl(model, inputs, o),
};
