import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { emulateModel } from '../../src/emulator/emulate.js';
import { makeIntProfile, type IntConfig } from '../../src/quantize/profiles/int.js';
import { quantizeModel } from '../../src/quantize/quantize-model.js';
import { ROUNDINGS } from '../../src/quantize/arith.js';
import type { NumericProfile } from '../../src/quantize/profile.js';
import type { IrModel } from '../../src/ir/model.js';
import type { EncodedSet } from '../../src/encoding/encoder.js';
import { DynalignError } from '../../src/util/errors.js';
import { referenceRun } from './reference.js';
import {
  EULER_SUBTRACT,
  EULER_ZERO,
  makeConv1dModel,
  makeConvModel,
  makeInputs,
  makeLeakyModel,
  makeRecurrentModel,
  makeSpikeInputs,
} from './helpers.js';

/** Compare event-driven and dense integer runs; returns the first difference, or '' when equal. */
async function firstDifference(model: IrModel, p: NumericProfile, x: EncodedSet): Promise<string> {
  const q = quantizeModel(model, p, { calibration: x }).model;
  const layers = (await emulateModel(q, x, p, { limit: 1 })).plan.layers;
  const names = layers.filter((l) => l.neurons > 0).map((l) => l.name);
  const run = await emulateModel(q, x, p, {
    recordSpikes: true,
    traceNames: names,
    traceSamples: x.n,
  });
  const rec = run.chunk.spikes!;
  for (let i = 0; i < x.n; i++) {
    const ref = referenceRun(q, p, x, i);
    for (const tr of run.chunk.traces!) {
      const layer = run.plan.layers[tr.layer]!;
      const v = ref.v.get(layer.name);
      const out = ref.out.get(layer.name)!;
      for (let t = 0; t < x.steps; t++) {
        for (let j = 0; j < layer.neurons; j++) {
          const mine = tr.data[(i * x.steps + t) * layer.neurons + j]!;
          if (v && mine !== v[t]![j])
            return `${layer.name}[${j}] v at input ${i} step ${t}: ${mine} vs ${v[t]![j]}`;
        }
      }
      const raster = out.map((row) => row.map(() => 0));
      for (let e = 0; e < rec.count; e++) {
        if (rec.sample[e] === i && rec.layer[e] === tr.layer)
          raster[rec.step[e]!]![rec.neuron[e]!] = 1;
      }
      const spiking = run.plan.nodes[layer.node]!.spiking;
      if (spiking && JSON.stringify(raster) !== JSON.stringify(out))
        return `${layer.name} spikes at input ${i}`;
    }
  }
  return '';
}

const configArb: fc.Arbitrary<Partial<IntConfig>> = fc.record({
  weightBits: fc.integer({ min: 3, max: 8 }),
  stateBits: fc.integer({ min: 8, max: 16 }),
  inputBits: fc.integer({ min: 3, max: 8 }),
  decayBits: fc.integer({ min: 4, max: 12 }),
  leak: fc.constantFrom('multiply-shift' as const, 'shift' as const),
  overflow: fc.constantFrom('saturate' as const, 'wrap' as const),
  rounding: fc.constantFrom(...ROUNDINGS),
  compare: fc.constantFrom('>' as const, '>=' as const),
  reset: fc.constantFrom('model' as const, 'zero' as const, 'subtract' as const),
  resetTiming: fc.constantFrom('model' as const, 'same-step' as const, 'next-step' as const),
  refractory: fc.integer({ min: 0, max: 2 }),
  delay: fc.integer({ min: 0, max: 2 }),
  headroomBits: fc.integer({ min: 0, max: 4 }),
});

test('event-driven integer runs equal a dense integer implementation spike for spike', async () => {
  let ran = 0;
  await fc.assert(
    fc.asyncProperty(
      configArb,
      fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 4 }),
      fc.integer({ min: 1, max: 1e6 }),
      fc.boolean(),
      async (config, sizes, seed, zero) => {
        const p = makeIntProfile(config);
        const model = makeLeakyModel(seed, sizes, zero ? EULER_ZERO : EULER_SUBTRACT);
        const x = makeInputs(seed + 1, 3, 6, sizes[0]!, 1.5);
        try {
          const diff = await firstDifference(model, p, x);
          assert.equal(diff, '', `${p.id}: ${diff}`);
          ran++;
        } catch (err) {
          if (!(err instanceof DynalignError && err.code === 'E_PROFILE_RANGE')) throw err;
        }
      },
    ),
    { numRuns: 60, seed: 20260701 },
  );
  assert.ok(ran >= 40, `only ${ran} of 60 cases could be quantised`);
});

test('integer conv, pool and flatten layers equal the dense implementation', async () => {
  for (const config of [
    {},
    { rounding: 'floor' as const, delay: 1 },
    { weightBits: 4, stateBits: 10 },
  ]) {
    const p = makeIntProfile(config);
    const diff = await firstDifference(makeConvModel(21), p, makeSpikeInputs(22, 4, 6, 36, 0.4));
    assert.equal(diff, '', `${p.id}: ${diff}`);
  }
});

test('integer Conv1d and a table-driven leak equal the dense implementation', async () => {
  const p = makeIntProfile();
  const table = {
    ...p,
    id: 'int-table',
    leak: {
      kind: 'table' as const,
      fractionBits: 10,
      rounding: 'floor' as const,
      factor: (b: number) => Math.floor(b * 1024) - 1,
    },
  };
  for (const profile of [p, table]) {
    const diff = await firstDifference(
      makeConv1dModel(25),
      profile,
      makeSpikeInputs(26, 3, 6, 20, 0.5),
    );
    assert.equal(diff, '', `${profile.id}: ${diff}`);
  }
});

test('integer recurrent CubaLIF networks equal the dense implementation', async () => {
  for (const config of [
    {},
    { overflow: 'wrap' as const, stateBits: 9 },
    { leak: 'shift' as const, refractory: 1 },
  ]) {
    const p = makeIntProfile(config);
    const diff = await firstDifference(makeRecurrentModel(23), p, makeInputs(24, 4, 10, 5, 1.2));
    assert.equal(diff, '', `${p.id}: ${diff}`);
  }
});
