import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrainSummary } from '../../src/train/run.js';
import {
  planTasks,
  readRuns,
  runSweep,
  type SweepOptions,
  type SweepTask,
} from '../../src/train/sweep.js';
import { meanStd } from '../../src/train/sweep-stats.js';

function fakeSummary(t: SweepTask): TrainSummary {
  const sl = -2 * t.delta;
  return {
    arch: t.arch,
    mode: sl < 0 ? 'dissipative' : 'expansive',
    system: 'mixed-oscillator',
    delta: t.delta,
    sigmaLambda: sl,
    accuracy: 0.9 + 0.01 * t.run,
    valAccuracy: 0.9,
    epochs: 3,
    bestEpoch: 2,
    stoppedBy: 'patience',
    spikesPerInference: t.arch === 'snn' ? 100 * (t.delta + 2) + t.run : null,
    spikesPerLayer: [],
    layers: [],
    trainSeconds: 1,
    samplesPerSecond: 100,
    seed: t.seed,
  };
}

function options(outDir: string, trainOne: SweepOptions['trainOne']): SweepOptions {
  return {
    outDir,
    system: 'mixed-oscillator',
    deltas: [-1, 2],
    runs: 2,
    jobs: 2,
    includeAnn: true,
    baseSeed: 5,
    trainArgs: [],
    fingerprint: { lr: 1 },
    keepModels: false,
    trainOne,
  };
}

test('plan: every δ × run × network once, seeds base + run', () => {
  const tasks = planTasks({ deltas: [0, 1], runs: 2, includeAnn: false, baseSeed: 3 });
  assert.deepEqual(
    tasks.map((t) => [t.key, t.seed]),
    [
      ['snn:0:0', 3],
      ['snn:0:1', 4],
      ['snn:1:0', 3],
      ['snn:1:1', 4],
    ],
  );
});

test('an interrupted sweep resumes: finished runs are never redone', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dynalign-sweep-'));
  try {
    const calls: string[] = [];
    const failing = options(dir, async (t) => {
      calls.push(t.key);
      if (t.key === 'snn:2:1') throw new Error('killed');
      return fakeSummary(t);
    });
    const first = await runSweep(failing);
    assert.equal(first.ran, 7);
    assert.deepEqual(
      first.failed.map((f) => f.key),
      ['snn:2:1'],
    );

    // A line cut short by a kill is ignored on reading.
    await appendFile(join(dir, 'runs.jsonl'), '{"key":"snn:2:1","de');
    calls.length = 0;
    const second = await runSweep(options(dir, async (t) => (calls.push(t.key), fakeSummary(t))));
    assert.deepEqual(calls, ['snn:2:1']);
    assert.equal(second.resumed, 7);
    assert.equal((await readRuns(join(dir, 'runs.jsonl'))).length, 8);

    // Summary: one row per (network, δ), ordered by Σλ, with mean ± std of the two runs.
    const csv = (await readFile(join(dir, 'summary.csv'), 'utf8')).trim().split('\n');
    assert.match(csv[0]!, /^# dynalign .* do not edit$/);
    assert.equal(csv.length, 2 + 4);
    const snn2 = second.rows.find((r) => r.arch === 'snn' && r.delta === 2)!;
    assert.equal(snn2.sigmaLambda, -4);
    assert.ok(Math.abs(snn2.accuracyMean - 0.905) < 1e-12);
    assert.ok(Math.abs(snn2.spikesMean! - 400.5) < 1e-12);
    assert.equal(second.rows.find((r) => r.arch === 'ann')!.spikesMean, null);
    const svg = await readFile(join(dir, 'sweep.svg'), 'utf8');
    assert.match(svg, /<svg/);
    assert.match(svg, /spikes \/ inference/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a folder holding a sweep with other settings is refused', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dynalign-sweep-'));
  try {
    await runSweep({ ...options(dir, async (t) => fakeSummary(t)), deltas: [1], runs: 1 });
    const other = { ...options(dir, async (t) => fakeSummary(t)), fingerprint: { lr: 2 } };
    await assert.rejects(runSweep(other), { code: 'E_SWEEP_MISMATCH' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('standard deviation is the sample one (n − 1)', () => {
  assert.deepEqual(meanStd([1, 3]), { mean: 2, std: Math.SQRT2 });
  assert.deepEqual(meanStd([4]), { mean: 4, std: 0 });
});
