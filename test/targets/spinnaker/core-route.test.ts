// `emulate --target spinnaker` goes through the shared core: its answer and its --record equal
// the target loop's, and currents the core's float32 frames cannot hold are refused by the glue
// (the adapter then runs the loop and says so).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adapter } from '../../../targets/spinnaker/adapter.js';
import { framesFromStimuli } from '../../../targets/spinnaker/core-run.js';
import { runFixedNetwork } from '../../../targets/spinnaker/emulate.js';
import { formatSpikeCsv } from '../../../targets/spinnaker/network/spike-csv.js';
import { prepare } from '../../../targets/spinnaker/prepare.js';
import { DynalignError } from '../../../src/util/errors.js';
import { makeNetwork, makePopulation } from './helpers.js';
import { makeChainModel, makeInputs } from './models.js';

const SETTINGS: Array<Record<string, string | number>> = [
  {},
  { inputMode: 'spikes', cell: 'IF_curr_exp', delay: 2 },
];

for (const options of SETTINGS) {
  const title = `emulate ${JSON.stringify(options)} answers and records as the target loop`;
  test(title, async () => {
    const model = makeChainModel(24, 'zero');
    const inputs = makeInputs(30);
    const dir = await mkdtemp(join(tmpdir(), 'dynalign-core-route-'));
    const record = join(dir, 'spikes.csv');
    const r = await adapter.emulate(model, inputs, { options: { ...options, record } });
    const prep = prepare(model, options, inputs);
    const oracle = runFixedNetwork(prep, inputs, true);
    assert.deepEqual(r.outputCounts, oracle.outputCounts);
    assert.equal((r.extra as { engine: string }).engine, 'shared core');
    const text = await readFile(record, 'utf8');
    const body = (s: string) => s.split('\n').slice(1).join('\n');
    assert.equal(body(text), body(formatSpikeCsv(oracle.spikes, '')));
    assert.ok(oracle.spikes.length > 0);
    assert.deepEqual(
      r.perLayer.slice(prep.mapped.firstOnChip).map((l) => l.spikes),
      Array.from(oracle.totals.spikes),
    );
  });
}

test('a current of 2^24 s16.15 bits (512 nA) is refused by the core glue', () => {
  const net = makeNetwork([makePopulation(2, 'IF_curr_delta')], [], 1);
  const largest = Float64Array.from([2 ** 24 - 1, -(2 ** 24 - 1)]);
  const ok = framesFromStimuli(net, [{ currents: largest }]);
  assert.equal(ok.data[0], 2 ** 24 - 1);
  assert.throws(
    () => framesFromStimuli(net, [{ currents: Float64Array.from([0, 2 ** 24]) }]),
    (e: unknown) => e instanceof DynalignError && e.code === 'E_SPINNAKER_CORE_RANGE',
  );
});
