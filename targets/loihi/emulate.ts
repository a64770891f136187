// `dynalign emulate MODEL --target loihi`: the quantised model run bit-exactly as Lava would run
// network.net, with the accuracy of the float model under both reset rules beside it and the
// energy per inference from the counts and the core mapping. The run goes through the shared
// emulator core (./core-run.ts: workers, --record, counters); emulateQuantised's Simulator
// (./emulate-model.ts) is the oracle test/targets/loihi/core-shared.test.ts compares it with.
import { fileURLToPath } from 'node:url';
import type { IrModel } from '../../src/ir/model.js';
import type { EncodedSet } from '../../src/encoding/encoder.js';
import type { EmulationResult } from '../../src/emulator/result.js';
import { loadEnergyTable } from '../../src/energy/table.js';
import { DynalignError } from '../../src/util/errors.js';
import { CHIPS } from './chips.js';
import { quantiseWithOptions, stepsOf } from './compile.js';
import { mapToCores } from './core-mapping.js';
import { emulateOnCore } from './core-run.js';
import { coreOptionsFrom, writeTargetRecords } from '../../src/emulator/target-run.js';
import { estimateEnergy } from './energy-model.js';
import { runFloatChain } from './float-reference.js';
import { emulateNirExample } from './nir-example-run.js';
import { parseLoihiOptions } from './options.js';
import { readChain } from './primitives.js';

/** Path of this target's energy table. */
export const ENERGY_TABLE = fileURLToPath(new URL('./energy.json', import.meta.url));
const CONVENTIONS = ['dynalign', 'nir-lava-example'];

type Options = Record<string, string | number | boolean>;

/** Emulate a model on encoded inputs (or, by convention, on a CSV of input spikes). */
export async function emulateLoihi(
  model: IrModel,
  inputs: EncodedSet | undefined,
  options: Options = {},
): Promise<EmulationResult> {
  const convention = options.convention ?? 'dynalign';
  if (!CONVENTIONS.includes(String(convention))) {
    throw new DynalignError('E_USAGE', 'unknown conversion convention', {
      field: '--convention',
      value: convention,
      fix: `use one of ${CONVENTIONS.join(', ')}`,
    });
  }
  if (convention === 'nir-lava-example') return emulateNirExample(model, options);
  if (!inputs) {
    throw new DynalignError('E_LOIHI_INPUTS', 'no inputs to emulate', {
      fix: 'give a model with an encoder, or --inputs FILE.npy',
    });
  }
  const o = parseLoihiOptions(options);
  const q = quantiseWithOptions(model, o, stepsOf(model, o, inputs.steps));
  const { result, ints, sim, run } = await emulateOnCore(q, inputs, coreOptionsFrom(options));
  await writeTargetRecords(run, options, model);

  // What Loihi's reset costs before quantisation, and what quantisation costs after it.
  const chain = readChain(model);
  const floatModel = runFloatChain(chain, inputs, chain.reset);
  const floatZero = chain.reset === 'zero' ? floatModel : runFloatChain(chain, inputs, 'zero');
  const agree = (a: Int32Array) =>
    a.reduce((n, p, i) => n + (p === result.predictions[i] ? 1 : 0), 0) / inputs.n;

  // Energy per inference over the core mapping.
  const chip = CHIPS[o.chip];
  const mapping = mapToCores(
    chip,
    q.layers.map((l, k) => ({
      name: l.name,
      nIn: l.nIn,
      nOut: l.nOut,
      weightBits: sim.net.connections[k]!.numWeightBits,
    })),
  );
  const activity = sim.counts.map((c) => ({
    synops: c.synops / inputs.n,
    macs: c.macs / inputs.n,
    activeUpdates: c.activeUpdates / inputs.n,
    idleUpdates: (c.neuronUpdates - c.activeUpdates) / inputs.n,
    spikes: c.spikes / inputs.n,
    perNeuronSpikes: Array.from(c.perNeuron, (x) => x / inputs.n),
  }));
  const energy = estimateEnergy(
    loadEnergyTable(ENERGY_TABLE),
    o.energyModel,
    chip,
    mapping,
    activity,
    q.steps,
  );
  result.extra = {
    engine: 'shared core',
    quantisation: {
      decayRule: q.decayRule,
      inputScale: q.inputScale,
      inputBits: q.inputBits,
      inputsClamped: ints.clamped,
      layers: q.layers,
      mismatches: q.mismatches,
    },
    accuracy: {
      floatModel: floatModel.accuracy,
      floatResetZero: floatZero.accuracy,
      loihi: result.accuracy,
      resetCost: diff(floatModel.accuracy, floatZero.accuracy),
      quantisationCost: diff(floatZero.accuracy, result.accuracy),
      agreementWithFloatModel: agree(floatModel.predictions),
      agreementWithFloatResetZero: agree(floatZero.predictions),
    },
    overflow: Object.fromEntries(q.layers.map((l, k) => [l.name, sim.counts[k]!.overflow])),
    mapping: {
      chip: mapping.chip,
      coresUsed: mapping.coresUsed,
      layers: mapping.layers.map((l) => ({ name: l.name, cores: l.cores.length })),
    },
    energy,
  };
  return result;
}

function diff(a?: number, b?: number): number | undefined {
  return a === undefined || b === undefined ? undefined : a - b;
}
