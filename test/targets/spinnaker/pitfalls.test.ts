// The conversion pitfalls of docs/spinnaker.md §6, each with the behaviour dynalign must show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeNetwork, makePopulation, makeProjection, runFixed } from './helpers.js';
import { pynnScript } from '../../../targets/spinnaker/emit/pynn-script.js';
import { placeNetwork } from '../../../targets/spinnaker/placement.js';
import { quantiseNetwork } from '../../../targets/spinnaker/profile/quantise.js';
import { weightLsb } from '../../../targets/spinnaker/profile/weights.js';
import { buildLeakyModel } from '../../../src/ir/build.js';
import { mapChain } from '../../../targets/spinnaker/mapping/map-chain.js';
import { parseOptions } from '../../../targets/spinnaker/mapping/options.js';

test('§6.1: a negative weight on the excitatory receptor still excites, as on the board', () => {
  const pop = makePopulation(1, 'IF_curr_delta', { v_thresh: 10 });
  const net = makeNetwork([pop], [makeProjection(-1, 0, 'excitatory', [[0, 0, -2.0, 1]])], 4, 1);
  const r = runFixed(net, { sourceSpikes: [Int32Array.of(0)] });
  assert.ok(r.vBits[2]![0]! > 0, `V after the spike is ${r.vBits[2]![0]}`);
});

test('§6.1: the mapping puts negative weights on the inhibitory receptor as magnitudes', () => {
  const model = buildLeakyModel(
    [
      {
        nIn: 1,
        nOut: 2,
        beta: 0.9,
        threshold: 1,
        weight: Float32Array.of(1, 1),
        bias: Float32Array.of(0, 0),
      },
      {
        nIn: 2,
        nOut: 1,
        beta: 0.9,
        threshold: 1,
        weight: Float32Array.of(0.5, -0.75),
        bias: Float32Array.of(0),
      },
    ],
    { dt: 1e-4, integrator: 'euler', reset: 'zero', spikes: 'unit' },
  );
  const mapped = mapChain(model, parseOptions({}));
  const [exc, inh] = mapped.network.projections;
  assert.equal(exc!.receptor, 'excitatory');
  assert.deepEqual(Array.from(exc!.preIndex), [0]);
  assert.equal(inh!.receptor, 'inhibitory');
  assert.deepEqual(Array.from(inh!.preIndex), [1]);
  assert.ok(inh!.weight[0]! > 0);

  // The second layer alone, driven by a spike of input 1: its V goes below rest.
  const q = quantiseNetwork(mapped.network, 256);
  const pop = { ...q.network.populations[1]!, lag: 0 };
  const projs = q.network.projections.map((p) => ({ ...p, pre: -1, post: 0 }));
  const r = runFixed(makeNetwork([pop], projs, 3, 2), { sourceSpikes: [Int32Array.of(1)] });
  assert.ok(r.vBits[2]![0]! < 0, `V after an inhibitory spike is ${r.vBits[2]![0]}`);
});

test('§6.2: a small weight beside 1000 large ones rounds to zero and is reported', () => {
  const list: Array<[number, number, number, number]> = [];
  for (let i = 0; i < 1000; i++) list.push([i, 0, 1.0, 1]);
  list.push([1000, 0, 0.001, 1]);
  const net = makeNetwork(
    [makePopulation(1, 'IF_curr_exp')],
    [makeProjection(-1, 0, 'excitatory', list)],
    2,
    1001,
  );
  const q = quantiseNetwork(net, 256);
  assert.equal(q.fixed.populations[0]!.shifts[0], 10);
  assert.equal(weightLsb(10), 1 / 32);
  assert.equal(q.fixed.projections[0]!.w16[1000], 0);
  assert.equal(q.fixed.projections[0]!.w16[0], 32);
  assert.equal(q.projections[0]!.zeroed, 1);
});

test('§6.3: an unrelated high-fan-in projection coarsens an existing projection', () => {
  const small = makeProjection(-1, 0, 'excitatory', [[0, 0, 0.3, 1]]);
  const alone = quantiseNetwork(
    makeNetwork([makePopulation(1, 'IF_curr_exp')], [small], 2, 300),
    256,
  );
  const crowd = makeProjection(
    -1,
    0,
    'excitatory',
    Array.from({ length: 299 }, (_, i) => [i + 1, 0, 0.5, 1]),
  );
  const both = quantiseNetwork(
    makeNetwork([makePopulation(1, 'IF_curr_exp')], [small, crowd], 2, 300),
    256,
  );
  assert.ok(both.projections[0]!.shift > alone.projections[0]!.shift);
  assert.ok(both.projections[0]!.lsbNa > alone.projections[0]!.lsbNa);
});

test('§6.5: a delay of 0 is clipped to one tick, so the PSP arrives at the next tick', () => {
  const pop = makePopulation(1, 'IF_curr_delta', { v_thresh: 10 });
  const net = makeNetwork([pop], [makeProjection(-1, 0, 'excitatory', [[0, 0, 1.0, 0]])], 20, 1);
  const spikes: Int32Array[] = [];
  spikes[10] = Int32Array.of(0);
  const r = runFixed(net, { sourceSpikes: spikes });
  assert.equal(r.quantised.projections[0]!.clippedDelays, 1);
  assert.equal(r.quantised.fixed.projections[0]!.delayTicks[0], 1);
  // Recorded V is the pre-update value: unchanged through tick 11, raised from tick 12 on.
  assert.equal(r.vBits[11]![0], 0);
  assert.ok(r.vBits[12]![0]! > 0);
});

test('§6.7: the script sets neurons per core before creating any population', () => {
  const script = pynnScript('0.1.0', 'a'.repeat(64), 'spiNNaker');
  const call = script.indexOf('sim.set_number_of_neurons_per_core(');
  const create = script.indexOf('sim.Population(');
  assert.ok(call > 0 && create > 0);
  assert.ok(call < create, 'set_number_of_neurons_per_core must come first');
  const pops = script.indexOf('pops = make_populations(');
  const firstProjection = script.indexOf('make_projections(sim, manifest');
  assert.ok(pops < script.lastIndexOf('make_projections(') && firstProjection > 0);
});

test('§6.7: ten neurons at two per core take five cores', () => {
  const net = makeNetwork([makePopulation(10, 'IF_curr_delta')], [], 1);
  const q = quantiseNetwork(net, 2);
  const placement = placeNetwork(q.network, q.rings, 2, 1);
  assert.equal(placement.coresUsed, 5);
  assert.deepEqual(
    placement.slices.map((s) => [s.lo, s.hi]),
    [
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7],
      [8, 9],
    ],
  );
});
