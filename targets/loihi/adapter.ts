// The Loihi target: Intel Loihi 1/2 deployed through Lava (netx HDF5 + a Lava script), emulated
// with Lava's bit-accurate fixed-point LIF and Dense arithmetic.
import type { TargetAdapter } from '../../src/targets/adapter.js';
import { loadEnergyTable } from '../../src/energy/table.js';
import { refuseUnknownOptions, VERB_OPTIONS } from '../../src/targets/adapter.js';
import { DynalignError } from '../../src/util/errors.js';
import { compileLoihi } from './compile.js';
import { emulateLoihi, ENERGY_TABLE } from './emulate.js';
import { checkGolden } from './golden-check.js';
import { readGoldenFile } from './golden-file.js';
import { resolveInputs } from './inputs.js';
import { parseLoihiOptions } from './options.js';

/** The Loihi adapter the target registry loads. */
export const adapter: TargetAdapter = {
  name: 'loihi',
  description:
    'Intel Loihi 1/2 via Lava: netx HDF5 + run_lava.py; bit-accurate 24-bit LIF, 8-bit Dense',

  compile: compileLoihi,

  async emulate(model, inputs, opts) {
    const options = opts?.options ?? {};
    if (typeof options.golden === 'string') return runGolden(options);
    const byCsv = options.convention === 'nir-lava-example';
    const given = byCsv
      ? undefined
      : await resolveInputs(model, parseLoihiOptions(options), inputs);
    return emulateLoihi(model, given, options);
  },

  emulateStandalone: runGolden,

  checkOptions: checkLoihiOptions,

  inputOptions: ['golden', 'inputs'],

  energyTable: () => loadEnergyTable(ENERGY_TABLE),
};

/** `--golden FILE.json`: replay a golden-vector file; a mismatch fails the run's check. */
async function runGolden(options: Record<string, string | number | boolean>) {
  if (typeof options.golden !== 'string') {
    throw new DynalignError('E_USAGE', 'a Loihi run without a model needs a golden-vector file', {
      field: '--golden',
      fix: 'pass --golden FILE.json (shared/fixtures/loihi-lava layout), or give a model',
    });
  }
  return checkGolden(await readGoldenFile(options.golden));
}

/** Options the Loihi verbs read: options.ts, --golden, and the NIR example convention's. */
const LOIHI_OPTIONS = [
  ...['chip', 'decayRule', 'inputBits', 'headroomBits', 'maxWeightLoss', 'samples'],
  ...['energyModel', 'inputMax', 'gainPercentile', 'inputs', 'labels', 'steps'],
  ...['golden', 'convention', 'dt', 'expect', 'trace', 'agreement'],
  ...VERB_OPTIONS,
];

/** Unknown names get a did-you-mean; --trace exists only for --convention nir-lava-example. */
function checkLoihiOptions(options: Record<string, string | number | boolean>): void {
  refuseUnknownOptions('loihi', options, LOIHI_OPTIONS);
  if (options.trace !== undefined && options.convention !== 'nir-lava-example') {
    throw new DynalignError('E_USAGE', 'membrane traces are not offered by the Loihi target', {
      field: '--trace',
      fix: 'record spikes with --record FILE (traces: --convention nir-lava-example only)',
    });
  }
  parseLoihiOptions(options);
}
