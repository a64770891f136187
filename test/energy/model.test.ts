import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateEnergy } from '../../src/energy/model.js';
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
