// The NIR paper's Lava conversion (loihi.md §5, §6.8): lif_norse.nir driven by lif_exact.csv's
// input column reproduces Lava's fixed-point trace (lif_lava_cpu_fixed.csv) at all 1,000 steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adapter } from '../../../targets/loihi/adapter.ts';
import { convertNirLavaExample } from '../../../targets/loihi/nir-lava-example.ts';
import { buildLeakyModel } from '../../../src/ir/build.ts';
import { DynalignError } from '../../../src/util/errors.ts';
import { FIXTURES, tempDir } from './helpers.ts';
import { loadModel } from '../../../src/io/model-file.ts';

const PAPER = `${FIXTURES}/nir-paper`;

test('lif_norse.nir converts to w 10, du 4095, dv 163, vth 25', async () => {
  const net = convertNirLavaExample(await loadModel(`${PAPER}/lif_norse.nir`));
  const [l] = net.layers;
  assert.deepEqual(
    [l!.du, l!.dv, l!.vth, Array.from(net.connections[0]!.weights)],
    [4095, 163, 25, [10]],
  );
});

test('the trace equals lif_lava_cpu_fixed.csv byte for byte, and --expect checks it', async () => {
  const out = join(tempDir(), 'trace.csv');
  const model = await loadModel(`${PAPER}/lif_norse.nir`);
  const options = {
    convention: 'nir-lava-example',
    input: `${PAPER}/lif_exact.csv`,
    trace: out,
    expect: `${PAPER}/lif_lava_cpu_fixed.csv`,
  };
  const r = await adapter.emulate(
    model,
    { n: 1, steps: 1, channels: 1, data: new Float32Array(1) },
    { options },
  );
  assert.equal(readFileSync(out, 'utf8'), readFileSync(`${PAPER}/lif_lava_cpu_fixed.csv`, 'utf8'));
  assert.equal(r.check?.passed, true);
  assert.equal(r.steps, 1000);
  assert.deepEqual(Array.from(r.outputCounts), [4]);
});

test('a trace that differs is reported at its first step', async () => {
  const dir = tempDir();
  const wrong = join(dir, 'wrong.csv');
  const lines = readFileSync(`${PAPER}/lif_lava_cpu_fixed.csv`, 'utf8').split('\n');
  lines[461] = '0,1.0,0.0';
  (await import('node:fs')).writeFileSync(wrong, lines.join('\n'));
  const model = await loadModel(`${PAPER}/lif_norse.nir`);
  const options = {
    convention: 'nir-lava-example',
    input: `${PAPER}/lif_exact.csv`,
    expect: wrong,
  };
  const r = await adapter.emulate(
    model,
    { n: 1, steps: 1, channels: 1, data: new Float32Array(1) },
    { options },
  );
  assert.equal(r.check?.passed, false);
  assert.match(r.check!.firstDifference!, /^step 462, neuron 0: v 0 spike 1, .* has v 1 spike 0$/);
});

test('NIR#111: LIF(τ 1 ms, v_th 1) at dt 1e-4 gives dv 409, vth 255, w 25', () => {
  const model = buildLeakyModel(
    [
      {
        weight: Float32Array.of(1),
        bias: Float32Array.of(0),
        nIn: 1,
        nOut: 1,
        beta: 0.9,
        threshold: 1,
      },
    ],
    { dt: 1e-4, integrator: 'euler', reset: 'zero', spikes: 'unit' },
  );
  const l = convertNirLavaExample(model);
  assert.deepEqual(
    [l.layers[0]!.dv, l.layers[0]!.vth, l.connections[0]!.weights[0]],
    [409, 255, 25],
  );
});

test('a non-zero Affine bias is refused as the converter does, naming the node', () => {
  const model = buildLeakyModel(
    [
      {
        weight: Float32Array.of(1),
        bias: Float32Array.of(0.5),
        nIn: 1,
        nOut: 1,
        beta: 0.9,
        threshold: 1,
      },
    ],
    { dt: 1e-4, integrator: 'euler', reset: 'zero', spikes: 'unit' },
  );
  assert.throws(
    () => convertNirLavaExample(model),
    (e: unknown) =>
      e instanceof DynalignError &&
      e.code === 'E_LOIHI_PRIMITIVE' &&
      e.detail.field === 'nodes/fc1/bias',
  );
});
