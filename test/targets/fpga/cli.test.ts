// The verify verb's usage errors, and the FPGA energy table with the shared energy model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { saveModel } from '../../../src/io/model-file.js';
import { estimateEnergy } from '../../../src/energy/model.js';
import { adapter } from '../../../targets/fpga/adapter.js';
import { makeModel } from './helpers.js';

const run = promisify(execFile);

async function fails(args: string[]): Promise<{ code: number; stderr: string }> {
  return run('node', ['bin/dynalign.js', ...args]).then(
    () => ({ code: 0, stderr: '' }),
    (e: { code: number; stderr: string }) => e,
  );
}

test('verify without --rtl, or for a target without RTL, is a usage error (exit 2)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fpga-verify-'));
  try {
    const model = join(dir, 'm.nirpb');
    await saveModel(model, makeModel([4, 5, 2], 1));
    const none = await fails(['verify', model, '--target', 'fpga']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /E_USAGE: --rtl: say what to verify against; fix: add --rtl/);
    const loihi = await fails(['verify', model, '--target', 'loihi', '--rtl']);
    assert.equal(loihi.code, 2);
    assert.match(loihi.stderr, /target loihi has no RTL to verify/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('energy = cycles / clock × static power + cycles × cycle energy + per-operation terms', () => {
  const table = adapter.energyTable();
  const f = (name: string): number => table.figures[name]!.value;
  const counts = {
    cycles: 10_000,
    weightReads: 2_000,
    synops: 4_000,
    macs: 3_000,
    neuronUpdates: 1_300,
  };
  const e = estimateEnergy(table, counts);
  const expected =
    (counts.cycles / f('clockHz')) * f('staticW') +
    counts.cycles * f('cycleJ') +
    counts.weightReads * f('weightReadJ') +
    counts.synops * f('synopJ') +
    counts.macs * f('macJ') +
    counts.neuronUpdates * f('neuronUpdateJ');
  assert.ok(Math.abs(e.energyPerInferenceJ - expected) < 1e-18);
  assert.equal(e.latencyS, counts.cycles / f('clockHz'));
  assert.ok(e.rangeJ[0] < e.energyPerInferenceJ && e.energyPerInferenceJ < e.rangeJ[1]);
});
