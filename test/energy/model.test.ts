import { test } from 'node:test';
import assert from 'node:assert/strict';
import { energyCounts, estimateEnergy } from '../../src/energy/model.js';
import { annEnergy, denseSynops } from '../../src/energy/baseline.js';
import type { EnergyTable } from '../../src/energy/table.js';

const fig = (value: number, range?: [number, number]) => ({
  value,
  ...(range ? { range } : {}),
  unit: 'J',
  source: 'hand-made test figure',
  year: 2020,
  kind: 'estimate' as const,
});

const table: EnergyTable = {
  target: 'toy',
  figures: {
    synop: fig(2e-12, [1e-12, 3e-12]),
    update: fig(5e-11),
    power: fig(0.5),
    clock: fig(1e6),
  },
  terms: [
    { count: 'synops', figure: 'synop' },
    { count: 'neuronUpdates', figure: 'update' },
  ],
  static: { powerFigure: 'power', clockHzFigure: 'clock' },
};

test('energy per inference matches a hand calculation to the joule', () => {
  // 1000 synops × 2 pJ + 40 updates × 50 pJ + 0.5 W × (200 cycles / 1 MHz)
  const e = estimateEnergy(table, { synops: 1000, neuronUpdates: 40, cycles: 200 });
  const expected = 1000 * 2e-12 + 40 * 5e-11 + 0.5 * 200e-6;
  assert.ok(Math.abs(e.energyPerInferenceJ - expected) < 1e-18, `${e.energyPerInferenceJ}`);
  assert.equal(e.latencyS, 200e-6);
  assert.ok(Math.abs(e.rangeJ[0] - (1000 * 1e-12 + 40 * 5e-11 + 1e-4)) < 1e-18);
  assert.ok(Math.abs(e.rangeJ[1] - (1000 * 3e-12 + 40 * 5e-11 + 1e-4)) < 1e-18);
});

test('without a clock or step time the static term is left out, not guessed', () => {
  const e = estimateEnergy(table, { synops: 10 });
  assert.equal(e.staticJ, 0);
  assert.equal(e.latencyS, undefined);
});

test('the ANN baseline counts each layer once at 4.6 pJ per float MAC', () => {
  const layers = [
    { nIn: 21, nOut: 500 },
    { nIn: 500, nOut: 10 },
  ];
  const a = annEnergy(layers);
  assert.equal(a.macs, 21 * 500 + 5000);
  assert.ok(Math.abs(a.fp32J - a.macs * 4.6e-12) < 1e-20);
  assert.equal(denseSynops(layers, 5), 5 * a.macs);
  // One 32-bit SRAM weight read (5 pJ) per MAC on top.
  assert.ok(Math.abs(a.withReadsJ - a.macs * 9.6e-12) < 1e-18);
});

// A target whose static figure is per chip and whose time comes from steps of a fixed length.
const perChip: EnergyTable = {
  target: 'toy-chips',
  figures: { synop: fig(2e-12), power: fig(1, [0.5, 1]), step: fig(1e-3) },
  terms: [{ count: 'synops', figure: 'synop' }],
  static: { powerFigure: 'power', stepSecondsFigure: 'step' },
};

test('static power is paid once per chip the placement uses', () => {
  // 1000 synops × 2 pJ + 3 chips × 1 W × 8 steps × 1 ms
  const e = estimateEnergy(perChip, { synops: 1000, steps: 8, chips: 3 });
  assert.equal(e.staticUnits, 3);
  assert.ok(Math.abs(e.staticJ - 3 * 8e-3) < 1e-15, `${e.staticJ}`);
  assert.ok(Math.abs(e.energyPerInferenceJ - (2e-9 + 24e-3)) < 1e-15);
  assert.ok(Math.abs(e.rangeJ[0] - (2e-9 + 3 * 0.5 * 8e-3)) < 1e-15, `${e.rangeJ[0]}`);
  assert.ok(Math.abs(e.rangeJ[1] - (2e-9 + 24e-3)) < 1e-15, `${e.rangeJ[1]}`);
});

test('a target that reports no chips draws the static power once, as before', () => {
  const e = estimateEnergy(perChip, { synops: 1000, steps: 8 });
  assert.equal(e.staticUnits, 1);
  assert.ok(Math.abs(e.staticJ - 8e-3) < 1e-15, `${e.staticJ}`);
  const clocked = estimateEnergy(table, { synops: 1000, neuronUpdates: 40, cycles: 200 });
  assert.ok(Math.abs(clocked.staticJ - 0.5 * 200e-6) < 1e-18);
});

test('energy counts take the ticks and chips a target reports, and nothing it does not', () => {
  const base = {
    target: 'spinnaker',
    n: 1,
    steps: 5,
    predictions: new Int32Array(1),
    outputCounts: new Int32Array(10),
    perLayer: [],
  };
  const extra = { ticksPerInference: 8, placement: { chips: 3, cores: 40 } };
  assert.deepEqual(energyCounts({ ...base, extra }, { synops: 10 }, 5), {
    synops: 10,
    steps: 8,
    chips: 3,
  });
  assert.deepEqual(energyCounts(base, { synops: 10 }, 5), { synops: 10, steps: 5 });
  const odd = { ticksPerInference: '8', placement: { chips: 0 } };
  assert.deepEqual(energyCounts({ ...base, extra: odd }, { synops: 10 }, 5), {
    synops: 10,
    steps: 5,
  });
});
