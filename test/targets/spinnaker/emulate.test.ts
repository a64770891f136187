// `emulate --target spinnaker`: counts, the float comparison, spike records and their check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adapter } from '../../../targets/spinnaker/adapter.js';
import { prepare } from '../../../targets/spinnaker/prepare.js';
import { runFloatNetwork } from '../../../targets/spinnaker/network/run-float.js';
import { runFixedNetwork } from '../../../targets/spinnaker/emulate.js';
import { parseSpikeCsv } from '../../../targets/spinnaker/network/spike-csv.js';
import { makeChainModel, makeInputs } from './models.js';

test('every neuron updates every tick and synops are spikes × fan-out', async () => {
  const model = makeChainModel(24, 'zero');
  const inputs = makeInputs(20);
  const dir = await mkdtemp(join(tmpdir(), 'dynalign-emu-'));
  const record = join(dir, 'spikes.csv');
  const r = await adapter.emulate(model, inputs, { options: { record } });
  const ticks = 5 + 2;
  assert.deepEqual(
    r.perLayer.map((l) => l.neuronUpdates),
    [24, 24, 10].map((n) => n * ticks * 20),
  );
  assert.equal(r.perLayer[0]!.macs, 21 * 24 * 5 * 20);

  // Recount synops into layer 1 from the recorded spikes of layer 0 and the fan-out of each.
  const prep = prepare(model);
  const spikes = parseSpikeCsv(await readFile(record, 'utf8'), record);
  const fanOut = new Map<number, number>();
  for (const p of prep.quantised.network.projections.filter((p) => p.post === 1)) {
    for (const i of p.preIndex) fanOut.set(i, (fanOut.get(i) ?? 0) + 1);
  }
  const layer0 = spikes.filter((s) => s.layer === 'lif1');
  assert.equal(layer0.length, r.perLayer[0]!.spikes);
  const expected = layer0.reduce((a, s) => a + (fanOut.get(s.neuron) ?? 0), 0);
  assert.equal(r.perLayer[1]!.synops, expected);
  assert.equal(r.perLayer[1]!.weightReads, expected);
});

test('a model trained with reset to zero keeps its float predictions on the board', async () => {
  const r = await adapter.emulate(makeChainModel(48, 'zero'), makeInputs(150));
  const cmp = (r.extra as { comparison: { agreementWithFloat: number; modelReset: string } })
    .comparison;
  assert.equal(cmp.modelReset, 'zero');
  assert.ok(cmp.agreementWithFloat >= 0.95, `agreement ${cmp.agreementWithFloat}`);
});

test('the bit-exact run and the float reference of the same network spike alike', () => {
  const model = makeChainModel(32, 'zero', 5);
  const inputs = makeInputs(30, 9);
  const prep = prepare(model);
  const fixed = runFixedNetwork(prep, inputs, true).spikes;
  const float = runFloatNetwork(prep, inputs);
  const key = (s: { sample: number; step: number; layer: string; neuron: number }) =>
    `${s.sample}/${s.step}/${s.layer}/${s.neuron}`;
  const a = new Set(fixed.map(key));
  const both = float.filter((s) => a.has(key(s))).length;
  assert.ok(
    both >= 0.97 * Math.max(fixed.length, float.length),
    `${both} of ${fixed.length}/${float.length}`,
  );
});

test('--compare-spikes passes on its own record and names the first difference', async () => {
  const model = makeChainModel(16, 'zero');
  const inputs = makeInputs(5);
  const dir = await mkdtemp(join(tmpdir(), 'dynalign-emu-'));
  const record = join(dir, 'spikes.csv');
  await adapter.emulate(model, inputs, { options: { record } });
  const same = await adapter.emulate(model, inputs, { options: { compareSpikes: record } });
  assert.equal(same.check?.passed, true, same.check?.summary);

  const lines = (await readFile(record, 'utf8')).trimEnd().split('\n');
  const dropped = lines.splice(5, 1)[0]!;
  await writeFile(join(dir, 'tampered.csv'), lines.join('\n') + '\n');
  const diff = await adapter.emulate(model, inputs, {
    options: { compareSpikes: join(dir, 'tampered.csv') },
  });
  assert.equal(diff.check?.passed, false);
  const [sample, step, layer, neuron] = dropped.split(',');
  assert.equal(
    diff.check?.firstDifference,
    `sample ${sample} step ${step} layer "${layer}" neuron ${neuron} (emulated only)`,
  );
});

test('the subtract-reset cost against the float model is reported', async () => {
  const r = await adapter.emulate(makeChainModel(32, 'subtract'), makeInputs(40));
  const extra = r.extra as { comparison: Record<string, number | string>; quantisation: unknown[] };
  assert.equal(extra.comparison.modelReset, 'subtract');
  const c = extra.comparison as Record<string, number>;
  assert.equal(typeof c.floatAccuracy, 'number');
  assert.ok(
    Math.abs(c.accuracyCostPoints! - c.resetCostPoints! - c.quantisationCostPoints!) < 1e-9,
    'the cost splits into reset and quantisation',
  );
  assert.equal(extra.quantisation.length, 4);
});

test('the energy table is valid and names a source and kind for every figure', () => {
  const t = adapter.energyTable();
  assert.equal(t.target, 'spinnaker');
  for (const name of ['synEventJ', 'neuronUpdateJ', 'chipPowerW', 'spinnaker2SynopJ']) {
    assert.ok(t.figures[name], name);
    assert.ok(t.figures[name]!.source.length > 10);
  }
  assert.deepEqual(t.terms.map((x) => x.count).sort(), ['neuronUpdates', 'synops']);
});

test("large input currents shrink the first layer's voltage scale, not wrap", async () => {
  const model = makeChainModel(24, 'zero');
  const inputs = makeInputs(20);
  inputs.data = inputs.data.map((x) => x * 3000);
  const r = await adapter.emulate(model, inputs);
  const extra = r.extra as {
    overflows: Record<string, number>;
    comparison: Record<string, number>;
  };
  assert.deepEqual(Object.values(extra.overflows), [0, 0, 0]);
  assert.ok(extra.comparison.agreementWithFloat! >= 0.9, `${extra.comparison.agreementWithFloat}`);
  const prep = prepare(model, {}, inputs);
  assert.ok(prep.quantised.network.populations[0]!.vScale < 1);
  assert.equal(prep.quantised.network.populations[1]!.vScale, 1);
  await assert.rejects(adapter.emulate(model, inputs, { options: { vScale: '1' } }), {
    code: 'E_SPINNAKER_RANGE',
  });
});

test('IF_curr_exp with a short tau_syn follows the model like IF_curr_delta', async () => {
  const r = await adapter.emulate(makeChainModel(32, 'zero'), makeInputs(60), {
    options: { cell: 'IF_curr_exp', tauSyn: '0.1' },
  });
  const cmp = (r.extra as { comparison: { agreementWithFloat: number } }).comparison;
  assert.ok(cmp.agreementWithFloat >= 0.95, `${cmp.agreementWithFloat}`);
});
