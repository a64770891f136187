import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emulateModel } from '../../src/emulator/emulate.js';
import { FLOAT_PROFILE } from '../../src/quantize/profiles/float.js';
import { simulate } from '../../src/ir/sim/simulate.js';
import { loadModel } from '../../src/io/model-file.js';
import type { Discretisation, IrModel } from '../../src/ir/model.js';
import type { EncodedSet } from '../../src/encoding/encoder.js';
import {
  EULER_ZERO,
  makeConv1dModel,
  makeConvModel,
  makeInputs,
  makeLeakyModel,
  makeRecurrentModel,
  makeSpikeInputs,
} from './helpers.js';

const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/nir-lib', import.meta.url));

/** Largest |emulator − IR simulator| of every neuron layer's v and of the output, per step. */
async function differenceToSimulator(model: IrModel, x: EncodedSet): Promise<number> {
  const names = (await emulateModel(model, x, FLOAT_PROFILE, { limit: 1 })).plan.layers;
  const layers = names.filter((l) => l.neurons > 0).map((l) => l.name);
  const run = await emulateModel(model, x, FLOAT_PROFILE, {
    traceNames: layers,
    traceSamples: x.n,
    outputSteps: true,
  });
  const width = run.plan.nodes[run.plan.output]!.size;
  let worst = 0;
  for (let i = 0; i < x.n; i++) {
    const frames = Float64Array.from(
      x.data.subarray(i * x.steps * x.channels, (i + 1) * x.steps * x.channels),
    );
    const sim = simulate(
      model,
      { input: frames },
      { discretisation: model.discretisation!, record: layers },
    );
    for (const tr of run.chunk.traces!) {
      const name = run.plan.layers[tr.layer]!.name;
      const v = sim.traces[name]!.state.v!;
      const n = run.plan.layers[tr.layer]!.neurons;
      for (let k = 0; k < x.steps * n; k++)
        worst = Math.max(worst, Math.abs(tr.data[i * x.steps * n + k]! - v[k]!));
    }
    const out = sim.outputs.output!.output;
    for (let k = 0; k < x.steps * width; k++) {
      worst = Math.max(worst, Math.abs(run.chunk.outputSteps![i * x.steps * width + k]! - out[k]!));
    }
  }
  return worst;
}

test('the float profile equals the IR reference simulator to 1e-9', async () => {
  const cases: Array<[string, IrModel, EncodedSet]> = [
    ['chain, subtract reset', makeLeakyModel(31, [7, 12, 5]), makeInputs(32, 4, 8, 7)],
    ['chain, zero reset', makeLeakyModel(33, [7, 12, 5], EULER_ZERO), makeInputs(34, 4, 8, 7)],
    ['conv, pool, flatten', makeConvModel(35, EULER_ZERO), makeSpikeInputs(36, 3, 6, 36, 0.4)],
    ['recurrent CubaLIF', makeRecurrentModel(37, EULER_ZERO), makeInputs(38, 3, 10, 5, 1.2)],
    ['Conv1d with stride and padding', makeConv1dModel(39), makeSpikeInputs(40, 3, 6, 20, 0.5)],
  ];
  for (const [what, model, x] of cases) {
    const d = await differenceToSimulator(model, x);
    assert.ok(d < 1e-9, `${what}: differs by ${d}`);
  }
});

interface Fixture {
  input: unknown;
  input_shape: number[];
  simulation_convention: { dt: number };
  reference: {
    nir_euler: { output?: number[][]; output_spikes?: number[][] };
    snntorch_native?: { output_spikes: number[][] };
  };
}

async function runFixture(
  name: string,
  reset: Discretisation['reset'],
): Promise<{ mine: number[]; ref: number[] }> {
  const f = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Fixture;
  const model = await loadModel(join(FIXTURES, `${name}.nir`));
  model.discretisation = {
    dt: f.simulation_convention.dt,
    integrator: 'euler',
    reset,
    spikes: 'unit',
  };
  const [steps, ...shape] = f.input_shape;
  const channels = shape.reduce((a, b) => a * b, 1);
  const x: EncodedSet = {
    n: 1,
    steps: steps!,
    channels,
    data: Float32Array.from((f.input as number[]).flat(4)),
  };
  const run = await emulateModel(model, x, FLOAT_PROFILE, { outputSteps: true });
  const ref = reset === 'zero' ? f.reference.nir_euler : f.reference.snntorch_native!;
  const rows = (
    'output_spikes' in ref ? ref.output_spikes : (ref as { output: number[][] }).output
  )!;
  return { mine: Array.from(run.chunk.outputSteps!), ref: rows.flat() };
}

const fixtures = existsSync(FIXTURES)
  ? [
      'nir_delay',
      'nir_if',
      'nir_integrator',
      'nir_li',
      'nir_scale',
      'nir_sumpool2d',
      'nir_threshold',
      'snn_conv_flatten_affine_lif',
      'snn_cubalif',
      'snn_ff_affine_lif',
      'snn_linear_nobias_lif',
    ]
  : [];

test(
  'the float profile reproduces the NIR library fixtures (nir_euler, zero reset)',
  { skip: fixtures.length === 0 && 'no fixtures' },
  async () => {
    for (const name of fixtures) {
      const { mine, ref } = await runFixture(name, 'zero');
      assert.equal(mine.length, ref.length, name);
      const d = mine.reduce((a, v, k) => Math.max(a, Math.abs(v - ref[k]!)), 0);
      assert.ok(d < 1e-6, `${name}: output differs by ${d}`);
    }
  },
);

test(
  'the float profile reproduces snnTorch itself under subtract reset',
  { skip: fixtures.length === 0 && 'no fixtures' },
  async () => {
    for (const name of fixtures.filter((n) => n.startsWith('snn_'))) {
      const { mine, ref } = await runFixture(name, 'subtract');
      assert.deepEqual(mine, ref, name);
    }
  },
);
