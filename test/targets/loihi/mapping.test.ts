// Greedy core mapping under Loihi 1/2 limits, and the energy model that routes spikes over it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapToCores, hopsBetween } from '../../../targets/loihi/core-mapping.ts';
import { LOIHI1, LOIHI2 } from '../../../targets/loihi/chips.ts';
import { estimateEnergy } from '../../../targets/loihi/energy-model.ts';
import { loadEnergyTable } from '../../../src/energy/table.ts';
import { adapter } from '../../../targets/loihi/adapter.ts';
import { DynalignError } from '../../../src/util/errors.ts';

const paper = [
  { name: 'lif1', nIn: 21, nOut: 500, weightBits: 8 },
  { name: 'lif2', nIn: 500, nOut: 500, weightBits: 8 },
  { name: 'lif3', nIn: 500, nOut: 500, weightBits: 8 },
  { name: 'lif4', nIn: 500, nOut: 10, weightBits: 8 },
];

test("the paper's 21-500-500-500-10 net: memory splits each 500×500 layer over 2 cores", () => {
  // Loihi 1: 128 KB of weights per core, 262 rows of 500 8-bit weights. Loihi 2: 192 KB shared
  // with 48 bits of state per neuron, floor(1572864 / 4048) = 388 neurons.
  const expected = { loihi1: 262, loihi2: 388 };
  for (const chip of [LOIHI1, LOIHI2]) {
    const m = mapToCores(chip, paper);
    const n = expected[chip.name];
    assert.deepEqual(
      m.layers.map((l) => [l.cores.length, l.neuronsPerCore]),
      [
        [1, 500],
        [2, n],
        [2, n],
        [1, 10],
      ],
    );
    assert.equal(m.coresUsed, 6);
    const c = m.cores.find((x) => x.layer === 'lif2')!;
    assert.deepEqual(
      [c.first, c.last, c.synapses, c.synapticBits, c.fanIn, c.fanOut],
      [0, n, n * 500, n * (4000 + chip.neuronStateBits), 500, 2 * n],
    );
    assert.ok(
      m.cores.every(
        (x) => x.synapticBits <= chip.synapticBitsPerCore && x.fanOut <= chip.maxFanOut,
      ),
    );
  }
});

test('Loihi 2 refuses a net over its 120M synapses per chip even when the cores suffice', () => {
  const layers = [{ name: 'wide', nIn: 4096, nOut: 30000, weightBits: 1 }];
  assert.equal(mapToCores(LOIHI1, layers).coresUsed, Math.ceil(30000 / 256));
  assert.throws(
    () => mapToCores(LOIHI2, layers),
    (e: unknown) =>
      e instanceof DynalignError &&
      e.code === 'E_LOIHI_MAPPING' &&
      /needs 122880000 synapses, the chip holds 120000000/.test(e.message),
  );
});

test('neurons per core cap a layer: 3000 neurons take 3 Loihi 1 cores but one Loihi 2 core', () => {
  const layers = [
    { name: 'a', nIn: 4, nOut: 3000, weightBits: 8 },
    { name: 'b', nIn: 3000, nOut: 2, weightBits: 8 },
  ];
  assert.equal(mapToCores(LOIHI1, layers).layers[0]!.cores.length, 3);
  assert.equal(mapToCores(LOIHI2, layers).layers[0]!.cores.length, 1);
});

test('fan-out limits neurons per core when the next layer spans many cores', () => {
  const layers = [
    { name: 'a', nIn: 4, nOut: 1000, weightBits: 8 },
    { name: 'b', nIn: 1000, nOut: 8000, weightBits: 8 },
  ];
  const m = mapToCores(LOIHI1, layers);
  const dest = m.layers[1]!.cores.length;
  assert.equal(dest, Math.ceil(8000 / Math.floor((128 * 1024 * 8) / (1000 * 8))));
  assert.equal(m.layers[0]!.neuronsPerCore, Math.floor(4096 / dest));
});

test('a network needing more cores than the chip has is refused', () => {
  const layers = [
    { name: 'a', nIn: 4000, nOut: 4000, weightBits: 8 },
    { name: 'b', nIn: 4000, nOut: 200, weightBits: 8 },
  ];
  assert.throws(
    () => mapToCores(LOIHI1, layers),
    (e: unknown) =>
      e instanceof DynalignError &&
      e.code === 'E_LOIHI_MAPPING' &&
      /needs 132 cores, the chip has 128/.test(e.message),
  );
});

test('hops follow the tile mesh: 4 cores a tile, 8 tiles a row', () => {
  assert.deepEqual(hopsBetween(LOIHI1, 0, 3), { ew: 0, ns: 0, sameTile: true });
  assert.deepEqual(hopsBetween(LOIHI1, 0, 4), { ew: 1, ns: 0, sameTile: false });
  assert.deepEqual(hopsBetween(LOIHI1, 1, 4 * 8 * 2 + 4 * 3), { ew: 3, ns: 2, sameTile: false });
});

test('energy: synops, active and idle updates, and routed spikes priced from energy.json', () => {
  const table = adapter.energyTable();
  assert.equal(table.figures.synop!.value, 23.6e-12);
  const m = mapToCores(LOIHI1, [
    { name: 'a', nIn: 2, nOut: 2, weightBits: 8 },
    { name: 'b', nIn: 2, nOut: 1, weightBits: 8 },
  ]);
  const layers = [
    { synops: 0, macs: 10, activeUpdates: 6, idleUpdates: 4, spikes: 3, perNeuronSpikes: [1, 2] },
    { synops: 3, macs: 0, activeUpdates: 2, idleUpdates: 3, spikes: 1, perNeuronSpikes: [1] },
  ];
  const e = estimateEnergy(table, 'davies2018', LOIHI1, m, layers, 5);
  const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-18, `${a} vs ${b}`);
  close(e.synaptic, 13 * 23.6e-12);
  close(e.neurons, 8 * 81e-12 + 7 * 52e-12);
  close(e.routing, 3 * 1.7e-12);
  close(e.static, 0.104 * 5 * 1e-5);
  assert.equal(e.messages, 3);
  const s = estimateEnergy(table, 'sana-fe', LOIHI1, m, layers, 5);
  close(s.synaptic, 13 * 35.5e-12);
  assert.equal(
    loadEnergyTable(new URL('../../../targets/loihi/energy.json', import.meta.url).pathname).target,
    'loihi',
  );
});
