// Placement report (cores, chips, SDRAM of the synaptic matrices) and the ring buffer's 16-bit
// saturation, the parts of issue 6's placement and profile bullets not pinned elsewhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeNetwork } from '../../../targets/spinnaker/placement.js';
import { quantiseNetwork } from '../../../targets/spinnaker/profile/quantise.js';
import { FixedPopulationEngine } from '../../../targets/spinnaker/profile/population-fixed.js';
import { buildRows } from '../../../targets/spinnaker/network/run.js';
import { makeNetwork, makePopulation, makeProjection } from './helpers.js';

/** 10 → 3 all-to-all excitatory, placed at `perCore` neurons per core. */
function placed(perCore: number, connect = true) {
  const list: Array<[number, number, number, number]> = [];
  if (connect) for (let i = 0; i < 10; i++) for (let j = 0; j < 3; j++) list.push([i, j, 0.5, 1]);
  const pre = makePopulation(10, 'IF_curr_delta');
  const post = makePopulation(3, 'IF_curr_delta', {}, 1);
  const net = makeNetwork([pre, post], [makeProjection(0, 1, 'excitatory', list)], 2);
  const q = quantiseNetwork(net, perCore);
  return placeNetwork(q.network, q.rings, perCore, 1);
}

test('a post slice holds one row per presynaptic neuron: 3 header words + 1 word a synapse', () => {
  // Pre slices of 4, 4 and 2 neurons, each row padded to the longest (3 synapses) of its slice.
  const rowsBytes = (4 + 4 + 2) * (3 + 3) * 4;
  const post = (p: ReturnType<typeof placed>) => p.slices.find((s) => s.vertex === 'pop1')!;
  const connected = post(placed(4));
  const unconnected = post(placed(4, false));
  assert.equal(connected.synapticBytes - unconnected.synapticBytes, rowsBytes);
  const total = placed(4).slices.reduce((a, s) => a + s.synapticBytes, 0);
  assert.deepEqual(placed(4).sdramBytesPerChip, [total]);
});

test('slices fill 16 application cores per chip before the next chip', () => {
  const p = placed(1);
  assert.equal(p.coresUsed, 13);
  assert.equal(p.chipsUsed, 1);
  const many = makeNetwork([makePopulation(17, 'IF_curr_delta')], [], 1);
  const q = quantiseNetwork(many, 1);
  const two = placeNetwork(q.network, q.rings, 1, 1);
  assert.equal(two.coresUsed, 17);
  assert.equal(two.chipsUsed, 2);
  assert.deepEqual(
    two.slices.slice(15).map((s) => [s.chip, s.core]),
    [
      [0, 16],
      [1, 1],
    ],
  );
  assert.ok(two.rings.every((r) => r.fits && r.bits <= 14));
});

test('a ring-buffer entry saturates at 0xFFFF and the saturation is counted', () => {
  const net = makeNetwork(
    [makePopulation(1, 'IF_curr_delta')],
    [makeProjection(-1, 0, 'excitatory', [[0, 0, 1, 1], [1, 0, 1, 1]])],
    2,
    2,
  );
  const q = quantiseNetwork(net, 256);
  const engine = new FixedPopulationEngine(q.fixed.populations[0]!);
  const rows = buildRows(q.network, q.fixed)[0]!;
  rows.w16.fill(0xc000);
  engine.deliver(0, rows, 0);
  engine.deliver(0, rows, 1);
  assert.equal(engine.saturations[0], 1);
  engine.transfer(1);
  const shift = q.fixed.populations[0]!.shifts[0];
  assert.equal(engine.bits(0).exc, (0xffff << shift) | 0);
});
