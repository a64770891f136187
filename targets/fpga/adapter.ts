// The FPGA target: a generated time-multiplexed LIF core, its bit- and cycle-exact emulator,
// Verilator verification and the iCE40 UP5K flow (targets/fpga/README.md).
import type { TargetAdapter } from '../../src/targets/adapter.js';
import type { EncodedSet } from '../../src/encoding/encoder.js';
import type { EmulationResult } from '../../src/emulator/result.js';
import type { IrModel } from '../../src/ir/model.js';
import { loadEnergyTable } from '../../src/energy/table.js';
import { refuseUnknownOptions, VERB_OPTIONS } from '../../src/targets/adapter.js';
import { DynalignError } from '../../src/util/errors.js';
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
  checkOptions: checkFpgaOptions,
  energyTable: () => loadEnergyTable(ENERGY_TABLE_PATH),
  verifyRtl: (model, inputs, o) => verifyRtl(model, inputs, o),
};

/**
 * Options the fpga verbs read: architecture (src/arch.ts), input scale (src/prepare.ts), clock
 * (src/timing.ts), synthesis (src/synth.ts), simulator (src/rtl-verify.ts).
 */
const FPGA_OPTIONS = [
  ...['weightBits', 'stateBits', 'leak', 'lanes', 'part', 'inputScale', 'clockMhz'],
  ...['noSynth', 'synth', 'reuseBitstream', 'simulator'],
  ...VERB_OPTIONS,
];

/** Refuse what the fpga target would ignore: unknown names, membrane traces, --agreement. */
function checkFpgaOptions(options: Record<string, string | number | boolean>): void {
  for (const what of ['trace', 'agreement'] as const) {
    if (options[what] === undefined) continue;
    throw new DynalignError('E_USAGE', `--${what} is not offered by the fpga target`, {
      field: `--${what}`,
      fix:
        what === 'trace'
          ? 'record spikes with --record FILE; `dynalign verify --rtl --keep DIR` keeps waveforms'
          : 'compare with the float model through --target int --agreement',
    });
  }
  refuseUnknownOptions('fpga', options, FPGA_OPTIONS);
}
