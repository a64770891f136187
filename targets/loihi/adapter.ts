// The Loihi target: Intel Loihi 1/2 deployed through Lava (netx HDF5 + a Lava script), emulated
// with Lava's bit-accurate fixed-point LIF and Dense arithmetic.
import type { TargetAdapter } from '../../src/targets/adapter.js';
import { loadEnergyTable } from '../../src/energy/table.js';
import { DynalignError } from '../../src/util/errors.js';
import { compileLoihi } from './compile.js';
import { emulateLoihi, ENERGY_TABLE } from './emulate.js';
import { checkGolden } from './golden-check.js';
import { readGoldenFile } from './golden-file.js';
import { resolveInputs } from './inputs.js';
import { parseLoihiOptions } from './options.js';

export const adapter: TargetAdapter = {
  name: 'loihi',
  description:
    'Intel Loihi 1/2 via Lava: netx HDF5 + run_lava.py; bit-accurate 24-bit LIF, 8-bit Dense',

  compile: compileLoihi,

  async emulate(model, inputs, opts) {
    const options = opts?.options ?? {};
    const given =
      options.convention === 'nir-lava-example'
        ? undefined
        : await resolveInputs(model, parseLoihiOptions(options), inputs);
    return emulateLoihi(model, given, options);
  },

  async emulateStandalone(options) {
    if (typeof options.golden !== 'string') {
      throw new DynalignError('E_USAGE', 'a Loihi run without a model needs a golden-vector file', {
        field: '--golden',
        fix: 'pass --golden FILE.json (shared/fixtures/loihi-lava layout), or give a model',
      });
    }
    return checkGolden(await readGoldenFile(options.golden));
  },

  energyTable: () => loadEnergyTable(ENERGY_TABLE),
};
