// run_pynn.py against a stand-in for sPyNNaker 7.x (fake-spynnaker/pyNN/spiNNaker.py): no board
// or sPyNNaker can run here, so this holds the script to the API facts read in sPyNNaker's
// source that a board run depends on. It checks calls and the drive the board would see, not
// the board's neurons; the stand-in's docstring lists each fact and its file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { adapter } from '../../../targets/spinnaker/adapter.js';
import { decodeNpy } from '../../../targets/spinnaker/emit/npy.js';
import { parseSpikeCsv } from '../../../targets/spinnaker/network/spike-csv.js';
import { makeChainModel, makeInputs } from './models.js';

const FAKE = fileURLToPath(new URL('./fake-spynnaker/', import.meta.url));

interface FakeLog {
  calls: string[];
  runs: Array<{ ticks: number; drive: Record<string, number[]> }>;
  errors: string[];
}

interface PopSpec {
  size: number;
  lag: number;
  layer: number;
  bias: { amplitude: number | number[]; startTick: number };
}

/** Compile a small chain at a 0.3 ms step (ms-to-tick truncation bites there) and run it. */
async function runOnFake(samples: number) {
  const out = join(await mkdtemp(join(tmpdir(), 'dynalign-fake-spynnaker-')), 'art');
  const inputs = makeInputs(samples);
  await adapter.compile(makeChainModel(6), { outDir: out, inputs, options: { timestep: '0.3' } });
  const log = join(out, 'fake-log.json');
  const csv = join(out, 'board.csv');
  const env = {
    ...process.env,
    PYTHONPATH: FAKE,
    PYTHONDONTWRITEBYTECODE: '1',
    FAKE_SPYNNAKER_LOG: log,
  };
  const args = [join(out, 'run_pynn.py'), '--backend', 'spiNNaker', '--out', csv];
  const run = spawnSync('/usr/bin/python3', args, { encoding: 'utf8', env, timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr.slice(-2000));
  return {
    manifest: JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')),
    fake: JSON.parse(await readFile(log, 'utf8')) as FakeLog,
    currents: decodeNpy(await readFile(join(out, 'currents.npy'))),
    spikes: parseSpikeCsv(await readFile(csv, 'utf8'), csv),
  };
}

test('on sPyNNaker 7.x neurons per core come first and each inference is one run', async () => {
  const { fake } = await runOnFake(2);
  assert.deepEqual(fake.errors, []);
  const perCore = fake.calls.indexOf('set_number_of_neurons_per_core');
  assert.ok(perCore >= 0 && perCore < fake.calls.indexOf('Population'), fake.calls.join(' '));
  assert.equal(fake.runs.length, 2);
  assert.equal(fake.calls.filter((c) => c === 'reset').length, 1);
  assert.ok(fake.calls.includes('Projection:inhibitory'));
});

test('every inference drives the first layer with its own currents, tick for tick', async () => {
  const { manifest, fake, currents } = await runOnFake(2);
  const [, steps, n0] = currents.shape as [number, number, number];
  fake.runs.forEach((run, k) => {
    assert.equal(run.ticks, manifest.ticksPerInference + 1);
    for (let j = 0; j < n0; j++) {
      const want = Array.from({ length: run.ticks }, (_, t) =>
        t < steps ? currents.data[(k * steps + t) * n0 + j]! : 0,
      );
      assert.deepEqual(run.drive[`StepCurrentSource/0/${j}`], want, `sample ${k} neuron ${j}`);
    }
  });
});

test('bias sources are on from their layer lag to the end of every inference', async () => {
  const { manifest, fake } = await runOnFake(2);
  const ticks = manifest.ticksPerInference as number;
  manifest.populations.forEach((p: PopSpec, i: number) => {
    const amps = Array.isArray(p.bias.amplitude) ? p.bias.amplitude : [];
    amps.forEach((a, j) => {
      if (a === 0) return;
      const want = Array.from({ length: ticks + 1 }, (_, t) =>
        t >= p.bias.startTick && t < ticks ? a : 0,
      );
      for (const run of fake.runs) assert.deepEqual(run.drive[`DCSource/${i}/${j}`], want);
    });
  });
});

test('spikes read back by source_index land on their neuron, step and layer', async () => {
  const { manifest, spikes } = await runOnFake(2);
  // The stand-in fires neuron k % size of every population at tick 2 of inference k.
  const names = manifest.layers.map((l: { name: string }) => l.name);
  const want = manifest.populations.flatMap((p: PopSpec) =>
    [0, 1].map((k) => `${k},${2 - p.lag},${names[p.layer]},${k % p.size}`),
  );
  const got = spikes.map((s) => `${s.sample},${s.step},${s.layer},${s.neuron}`);
  assert.deepEqual(got.sort(), want.sort());
});
