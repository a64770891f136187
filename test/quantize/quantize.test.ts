import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quantizeModel } from '../../src/quantize/quantize-model.js';
import { makeIntProfile } from '../../src/quantize/profiles/int.js';
import { FLOAT_PROFILE } from '../../src/quantize/profiles/float.js';
import { encoderRange } from '../../src/quantize/input-range.js';
import { emulateModel } from '../../src/emulator/emulate.js';
import { decodeModel, encodeModel } from '../../src/ir/proto.js';
import { f64, i64, toFloat64 } from '../../src/ir/tensor.js';
import type { EncoderSpec, IrModel } from '../../src/ir/model.js';
import { DynalignError } from '../../src/util/errors.js';
import { EULER_SUBTRACT, makeInputs, makeLeakyModel } from '../emulator/helpers.js';

const THRESHOLD_MESSAGE = new RegExp(
  '^dynalign: E_PROFILE_RANGE: lif1\\.v_threshold: threshold of neuron 1 needs \\d+ state ' +
    'units, beyond the state width \\(got 1000000\\); fix: the largest representable is 32767',
);
const WIDTH_MESSAGE = new RegExp(
  '^dynalign: E_INPUT_WIDTH: input \\(shape \\[5\\]\\): input has 4 channels per step ' +
    '\\(got 4\\); fix: give 5 values',
);

function quantOf(m: IrModel, node: string, id: string) {
  return m.graph.nodes[node]!.quantization!.find((q) => q.profile === id)!;
}

/** Input[3] → LIF[3] with no synapse in between, so nothing can shift the threshold into range. */
function directLif(threshold: number, tau: number): IrModel {
  const n = 3;
  const dt = EULER_SUBTRACT.dt;
  return {
    nirVersion: '1.0.7',
    graph: {
      nodes: {
        input: { type: 'Input', params: { shape: i64([n]) }, metadata: {} },
        lif1: {
          type: 'LIF',
          params: {
            tau: f64([tau, tau, tau]),
            r: f64([tau / dt, tau / dt, tau / dt]),
            v_leak: f64([0, 0, 0]),
            v_threshold: f64([1, threshold, 1]),
            v_reset: f64([0, 0, 0]),
          },
          metadata: {},
        },
        output: { type: 'Output', params: { shape: i64([n]) }, metadata: {} },
      },
      edges: [
        ['input', 'lif1'],
        ['lif1', 'output'],
      ],
      metadata: {},
    },
    discretisation: EULER_SUBTRACT,
  };
}

test('max-abs scales put the largest weight on the largest integer with nothing clipped', () => {
  const p = makeIntProfile();
  const { model, report } = quantizeModel(makeLeakyModel(1, [10, 20, 5]), p);
  for (const s of report.synapses) {
    assert.equal(s.bitsUsed, 8);
    assert.equal(s.clipRate, 0);
    assert.ok(s.relError < 0.01, `${s.name} weight error ${s.relError}`);
  }
  const w = toFloat64(quantOf(model, 'fc1', p.id).intParams.weight!);
  assert.equal(Math.max(...Array.from(w, Math.abs)), 127);
});

test('percentile scales clip the largest weights and report the clipping rate', () => {
  const p = makeIntProfile();
  const { report } = quantizeModel(makeLeakyModel(1, [10, 20, 5]), p, {
    method: 'percentile',
    percentile: 90,
  });
  const fc1 = report.synapses.find((s) => s.name === 'fc1')!;
  assert.ok(fc1.clipRate > 0.05 && fc1.clipRate < 0.15, `clip rate ${fc1.clipRate}`);
});

test('calibrated scales never disturb the input currents more than max-abs does', () => {
  const p = makeIntProfile({ weightBits: 4 });
  const model = makeLeakyModel(2, [8, 16, 4]);
  const x = makeInputs(3, 16, 5, 8);
  const cal = quantizeModel(model, p, { calibration: x, method: 'calibrated' });
  const max = quantizeModel(model, p, { calibration: x, method: 'max-abs' });
  const fc1 = (r: typeof cal) => r.report.synapses.find((s) => s.name === 'fc1')!;
  assert.ok(fc1(cal).scale <= fc1(max).scale);
});

test('the largest threshold sits head-room bits below the top of the state register', () => {
  for (const [stateBits, headroomBits] of [
    [16, 3],
    [12, 2],
    [20, 4],
  ] as const) {
    const p = makeIntProfile({ stateBits, headroomBits });
    const { report } = quantizeModel(makeLeakyModel(4, [6, 9, 3]), p);
    for (const n of report.neurons) {
      const top = 2 ** (stateBits - 1 - headroomBits);
      assert.ok(
        n.threshold.max <= top && n.threshold.max > top / 2,
        `${n.name}: ${n.threshold.max} vs ${top}`,
      );
    }
  }
});

test('β becomes a multiplier of 2^F and the report gives how far it is from β', () => {
  const p = makeIntProfile({ decayBits: 8 });
  const model = makeLeakyModel(5, [4, 4]);
  const { model: q, report } = quantizeModel(model, p);
  const beta = 1 - EULER_SUBTRACT.dt / toFloat64(model.graph.nodes.lif1!.params.tau as never)[0]!;
  const m = toFloat64(quantOf(q, 'lif1', p.id).intParams.v_decay!)[0]!;
  assert.equal(m, Math.round(beta * 256));
  assert.ok(Math.abs(report.neurons[0]!.decayError - Math.abs(m / 256 - beta)) < 1e-12);
});

test('the input range follows the encoder: expansive δ needs more range than dissipative', () => {
  const spec = (delta: number): EncoderSpec => ({
    system: 'mixed-oscillator',
    params: { alpha: 2, beta: 0.1, delta, gamma: 0.1, omega: 1, drive: 0 },
    h: 0.01,
    tmax: 8,
    numSteps: 5,
    nFeatures: 7,
    sigmaLambda: -2 * delta,
  });
  const dissipative = encoderRange(spec(2))!;
  const expansive = encoderRange(spec(-1.5))!;
  assert.ok(dissipative >= 1 && dissipative < 1.5, `dissipative range ${dissipative}`);
  assert.ok(expansive > 20 * dissipative, `expansive range ${expansive}`);
});

test('a quantised model survives the protobuf codec and emulates identically', async () => {
  const p = makeIntProfile();
  const { model } = quantizeModel(makeLeakyModel(6, [7, 11, 4]), p);
  const back = decodeModel(encodeModel(model));
  const x = makeInputs(7, 20, 5, 7);
  const a = await emulateModel(model, x, p);
  const b = await emulateModel(back, x, p);
  assert.deepEqual(Array.from(b.result.outputCounts), Array.from(a.result.outputCounts));
  assert.deepEqual(b.result.perLayer, a.result.perLayer);
});

test('a threshold beyond the state width is refused with node, value and limit', () => {
  assert.throws(
    () => quantizeModel(directLif(1e6, 1e-3), makeIntProfile()),
    (err: unknown) =>
      err instanceof DynalignError &&
      err.code === 'E_PROFILE_RANGE' &&
      THRESHOLD_MESSAGE.test(err.format()),
  );
});

test('a negative decay (dt larger than tau under Euler) is refused, naming the node', () => {
  assert.throws(
    () => quantizeModel(directLif(1, 5e-5), makeIntProfile()),
    (err: unknown) =>
      err instanceof DynalignError &&
      err.code === 'E_PROFILE_RANGE' &&
      /^lif1\.decay β$/.test(err.detail.field ?? ''),
  );
});

test('emulating a float model under an integer profile is refused, naming the node', async () => {
  const model = makeLeakyModel(8, [3, 2]);
  await assert.rejects(
    emulateModel(model, makeInputs(1, 1, 2, 3), makeIntProfile()),
    (err: unknown) =>
      err instanceof DynalignError &&
      err.code === 'E_NOT_QUANTIZED' &&
      err.detail.field === 'input',
  );
  const { model: q } = quantizeModel(model, makeIntProfile());
  await assert.rejects(
    emulateModel(q, makeInputs(1, 1, 2, 3), makeIntProfile({ stateBits: 12 })),
    (err: unknown) =>
      err instanceof DynalignError &&
      err.code === 'E_NOT_QUANTIZED' &&
      /int-w8-s12/.test(err.message),
  );
});

test('an input of the wrong width names the Input node and the width it expects', async () => {
  await assert.rejects(
    emulateModel(makeLeakyModel(9, [5, 2]), makeInputs(1, 2, 3, 4), FLOAT_PROFILE),
    (err: unknown) => err instanceof DynalignError && WIDTH_MESSAGE.test(err.format()),
  );
});

test('weight formats: even weights stay even, power-of-two scales are powers of two', () => {
  const base = makeIntProfile();
  const even = { ...base, id: 'even', weight: { ...base.weight, sign: 'even' as const } };
  const pow2 = { ...base, id: 'pow2', weight: { ...base.weight, scale: 'power-of-two' as const } };
  const model = makeLeakyModel(14, [9, 13, 4]);
  const q = quantizeModel(model, even).model;
  const w = toFloat64(quantOf(q, 'fc1', 'even').intParams.weight!);
  assert.ok(w.every((v) => v % 2 === 0 && v >= -128 && v <= 126));
  for (const s of quantizeModel(model, pow2).report.synapses) {
    assert.ok(Number.isInteger(Math.log2(s.scale)), `${s.name} scale ${s.scale}`);
  }
});
