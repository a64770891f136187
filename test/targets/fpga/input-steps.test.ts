// Per-step input code scales (README §2, "Inputs"): an expansive encoder gets coarser codes at
// its late steps instead of one scale that zeroes its early steps or clamps its late ones; a
// dissipative one keeps a single scale; quantizeInputs applies the step factors it carries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IrModel } from '../../../src/ir/model.js';
import { extractChain } from '../../../src/ir/chain.js';
import { inputScales, quantizeInputs } from '../../../targets/fpga/src/input-scale.js';
import { prepare } from '../../../targets/fpga/src/prepare.js';
import { makeModel } from './helpers.js';

/** A 21-input model with the paper's encoder (mixed oscillator, 7 features, 5 steps). */
function withEncoder(delta: number): IrModel {
  const model = makeModel([21, 32, 10], 4);
  model.encoder = {
    system: 'mixed-oscillator',
    params: { delta },
    h: 0.01,
    tmax: 8,
    numSteps: 5,
    nFeatures: 7,
    sigmaLambda: -2 * delta,
  };
  return model;
}

test('expansive: step factors start at 1 and grow with the trajectories', () => {
  const model = withEncoder(-1.5);
  const { scales, source } = inputScales(model, extractChain(model));
  const f = scales.stepFactor;
  assert.ok(f, source);
  assert.equal(f.length, 5);
  assert.equal(f[0], 1);
  for (let t = 1; t < 5; t++) assert.ok(f[t]! >= f[t - 1]!, `factors ${f}`);
  assert.ok(f[4]! > 100, `last factor ${f[4]}`);
  assert.match(source, /per-step code scale = scale × \[1\.00, /);
});

test('dissipative: one scale for every step, no factors', () => {
  const model = withEncoder(2);
  const { scales, source } = inputScales(model, extractChain(model));
  assert.equal(scales.stepFactor, undefined);
  assert.doesNotMatch(source, /per-step/);
});

test('codes of step t are round(X / (scale · factor_t)), clamped to ±127', () => {
  const scales = Object.assign(new Float64Array(2).fill(0.5), {
    stepFactor: Float64Array.of(1, 4),
  });
  const data = Float32Array.of(1.3, -1.3, 1.3, 1000);
  const codes = quantizeInputs({ n: 1, steps: 2, channels: 2, data }, scales);
  assert.deepEqual(Array.from(codes), [3, -3, 1, 127]);
});

test('the program carries the factors, so every caller of quantizeInputs applies them', () => {
  const model = withEncoder(-1.5);
  const { prog } = prepare(model, {});
  const f = (prog.inputScale as { stepFactor?: Float64Array }).stepFactor;
  assert.ok(f && f[4]! > 1);
  const data = new Float32Array(5 * 21).fill(1000);
  const codes = quantizeInputs({ n: 1, steps: 5, channels: 21, data }, prog.inputScale);
  const expected = (t: number) => Math.min(127, Math.round(1000 / (prog.inputScale[0]! * f[t]!)));
  assert.deepEqual([codes[0], codes[4 * 21]], [expected(0), expected(4)]);
  assert.notEqual(expected(0), expected(4));
});

test('the manifest states the step factors, so a host can rebuild the codes', async () => {
  const { mkdtemp, readFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { adapter } = await import('../../../targets/fpga/adapter.js');
  const dir = await mkdtemp(join(tmpdir(), 'dl-fpga-steps-'));
  try {
    for (const [delta, stepped] of [[-1.5, true], [2, false]] as const) {
      const out = join(dir, `d${delta}`);
      await adapter.compile(withEncoder(delta), { outDir: out, options: { noSynth: true } });
      const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
      const f = manifest.inputScale.stepFactor as number[] | undefined;
      if (!stepped) {
        assert.equal(f, undefined);
        continue;
      }
      const { prog } = prepare(withEncoder(delta), {});
      const want = (prog.inputScale as { stepFactor?: Float64Array }).stepFactor!;
      assert.deepEqual(f, Array.from(want));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
