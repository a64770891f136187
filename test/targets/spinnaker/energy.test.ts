// SpiNNaker energy per inference: the per-chip baseline power is paid by every chip the
// placement uses, for every tick an inference lasts (steps plus pipeline lag).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adapter } from '../../../targets/spinnaker/adapter.js';
import { perInference } from '../../../src/emulator/result.js';
import { energyCounts, estimateEnergy } from '../../../src/energy/model.js';
import { makeChainModel, makeInputs } from './models.js';

const CHIP_POWER_W = 1;
const TICK_S = 1e-3;

async function energyWith(neuronsPerCore: number) {
  const inputs = makeInputs(2);
  const res = await adapter.emulate(makeChainModel(16), inputs, { options: { neuronsPerCore } });
  const extra = res.extra as { ticksPerInference: number; placement: { chips: number } };
  const counts = energyCounts(res, perInference(res), inputs.steps);
  return { extra, energy: estimateEnergy(adapter.energyTable(), counts) };
}

test('the energy table words the static figure as power per chip', () => {
  const table = adapter.energyTable();
  const fig = table.figures[table.static!.powerFigure]!;
  assert.equal(fig.unit, 'W');
  assert.equal(fig.value, CHIP_POWER_W);
  assert.match(fig.note ?? '', /per chip/);
});

test('a network spread over three chips pays three chips of baseline power', async () => {
  // 16 + 16 + 10 neurons at one neuron per core: 42 cores, 16 application cores per chip.
  const { extra, energy } = await energyWith(1);
  assert.equal(extra.placement.chips, 3);
  assert.equal(energy.staticUnits, 3);
  const expected = 3 * CHIP_POWER_W * extra.ticksPerInference * TICK_S;
  assert.ok(Math.abs(energy.staticJ - expected) < 1e-15, `${energy.staticJ} J, not ${expected}`);
});

test('the same network on one chip pays one, for every tick of the inference', async () => {
  const { extra, energy } = await energyWith(256);
  assert.equal(extra.placement.chips, 1);
  assert.equal(extra.ticksPerInference, 5 + 2);
  assert.equal(energy.latencyS, extra.ticksPerInference * TICK_S);
  assert.ok(Math.abs(energy.staticJ - CHIP_POWER_W * 7 * TICK_S) < 1e-15, `${energy.staticJ}`);
});
