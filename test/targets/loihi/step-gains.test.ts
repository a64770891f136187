// Per-step gains of the graded input: calibrated on the model's own encoder, they scale down only
// the steps whose first-layer drive would wrap the 24-bit current, the payloads carry them, and
// on the expansive demo they remove most wraps while keeping accuracy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { emulateLoihi } from '../../../targets/loihi/emulate.ts';
import { toIntegerInputs } from '../../../targets/loihi/emulate-model.ts';
import { A_LIMIT } from '../../../targets/loihi/profile.ts';
import { quantiseForLoihi, type QuantiseOptions } from '../../../targets/loihi/quantise.ts';
import { loadDemoFixture, ROOT } from './helpers.ts';

const DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));
const OPTS: QuantiseOptions = { inputBits: 16, headroomBits: 3, maxWeightLoss: 0.05, steps: 5 };

async function demo(mode: string) {
  const { model, inputs } = await loadDemoFixture(mode);
  return { model, inputs };
}

type Extra = {
  accuracy: Record<string, number>;
  overflow: Record<string, { wraps: number }>;
  quantisation: { mismatches: string[] };
};

test('expansive: late steps get gains below 1 that fit the calibrated drive inside u', async () => {
  const { model } = await demo('expansive');
  const q = quantiseForLoihi(model, OPTS);
  const { gains, drivePercentile } = q.stepGains;
  assert.equal(gains.length, 5);
  assert.equal(gains[0], 1);
  assert.ok(gains[4]! < 0.01, `last gain ${gains[4]}`);
  for (let t = 1; t < 5; t++) assert.ok(gains[t]! <= gains[t - 1]!, `gains ${gains}`);
  const s = q.layers[0]!.stateScale;
  drivePercentile.forEach((p, t) => assert.ok(p * s * gains[t]! <= A_LIMIT + 1e-6));
  assert.ok(q.mismatches.some((m) => /^input: \d of 5 steps scaled down/.test(m)));
});

test('dissipative: the drive stays far from the wrap; all gains 1, nothing noted', async () => {
  const { model } = await demo('dissipative');
  const q = quantiseForLoihi(model, OPTS);
  assert.deepEqual(q.stepGains.gains, [1, 1, 1, 1, 1]);
  assert.ok(!q.mismatches.some((m) => m.startsWith('input:')));
});

test('gain percentile 1 turns the gains off', async () => {
  const { model } = await demo('expansive');
  const q = quantiseForLoihi(model, { ...OPTS, gainPercentile: 1 });
  assert.deepEqual(q.stepGains.gains, [1, 1, 1, 1, 1]);
});

test('the payload of step t is round_half_even(x · scale · g_t), clamped to 16 bits', async () => {
  const { model } = await demo('expansive');
  const q = quantiseForLoihi(model, OPTS);
  q.inputScale = 2;
  q.stepGains.gains = [1, 0.25, 1, 1, 1];
  const data = new Float32Array(5 * 21);
  data[0] = 1.25;
  data[21] = 1.25;
  data[42] = 1e6;
  const ints = toIntegerInputs(q, { n: 1, steps: 5, channels: 21, data });
  assert.deepEqual([ints.data[0], ints.data[21], ints.data[42]], [2, 1, 32767]);
  assert.equal(ints.clamped, 1);
});

test('on the expansive demo the gains cut the wraps of lif1 and keep accuracy', async () => {
  const { model, inputs } = await demo('expansive');
  const on = (await emulateLoihi(model, inputs, {})).extra as Extra;
  const off = (await emulateLoihi(model, inputs, { gainPercentile: 1 })).extra as Extra;
  assert.ok(off.overflow.lif1!.wraps > 0);
  assert.ok(
    on.overflow.lif1!.wraps < off.overflow.lif1!.wraps / 10,
    `wraps ${on.overflow.lif1!.wraps} with gains, ${off.overflow.lif1!.wraps} without`,
  );
  assert.ok(on.accuracy.loihi! >= on.accuracy.floatModel! - 0.01);
});

test('the CLI reads --inputs FILE.npy; --gain-percentile 1 brings the wraps back', () => {
  const out = execFileSync(
    process.execPath,
    [
      `${ROOT}bin/dynalign.js`,
      ...['emulate', `${DIR}demo-expansive.nirpb`, '--target', 'loihi', '--json'],
      ...['--inputs', `${DIR}demo-expansive-test.npy`, '--gain-percentile', '1'],
      ...['--labels', `${DIR}demo-expansive-labels.npy`],
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 180_000, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const r = JSON.parse(out) as { n: number; extra: Extra };
  assert.equal(r.n, 500);
  assert.equal(r.extra.overflow.lif1!.wraps, 91257);
});
