import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { renderReport } from '../../src/report/html.js';
import { readSweepSummary } from '../../src/report/sweep-file.js';
import { DynalignError } from '../../src/util/errors.js';
import { makeDemoResult } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'dynalign-html-'));

test('the report lists each count with the per-op figure it was multiplied by', async () => {
  const html = await renderReport({ demo: makeDemoResult() });
  // dissipative: 40 spikes × 100 fan-out = 4000 synops × 20 pJ = 80 nJ
  assert.match(
    html,
    new RegExp(
      '<td>dissipative</td><td>fpga</td><td>synops</td><td>4\\.000e\\+3</td>' +
        '<td>synop</td><td>2\\.000e-11 J</td><td>80\\.0 nJ</td>',
    ),
  );
  assert.equal((html.match(/<svg/g) ?? []).length >= 5, true);
});

test('a sweep summary becomes landscape points ordered by Σλ, ANN rows left out', async () => {
  const file = join(dir, 'summary.json');
  writeFileSync(
    file,
    JSON.stringify({
      settings: [
        { arch: 'snn', sigmaLambda: 3, accuracyMean: 0.9, spikesMean: 2400 },
        { arch: 'ann', sigmaLambda: 3, accuracyMean: 0.92, spikesMean: null },
        { arch: 'snn', sigmaLambda: -4, accuracyMean: 0.91, accuracyStd: 0.01, spikesMean: 500 },
      ],
    }),
  );
  const pts = await readSweepSummary(file);
  assert.deepEqual(
    pts.map((p) => p.sigmaLambda),
    [-4, 3],
  );
  assert.equal(pts[0]!.accuracyStd, 0.01);
});

test('a sweep file of another format is a DynalignError naming the field', async () => {
  const file = join(dir, 'other.json');
  writeFileSync(file, JSON.stringify({ rows: [] }));
  await assert.rejects(
    readSweepSummary(file),
    (e: unknown) => e instanceof DynalignError && e.exitCode === 2 && /settings/.test(e.message),
  );
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ settings: [{ arch: 'snn', sigmaLambda: 'x' }] }));
  await assert.rejects(
    readSweepSummary(bad),
    /\/settings\/0\/sigmaLambda|lacks numeric sigmaLambda/,
  );
});
