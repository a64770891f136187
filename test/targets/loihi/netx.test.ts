// network.net reads back (h5wasm) with the datasets, dtypes and values of loihi.md §2.1; a netx
// file laid out like the document's examples parses; and the network netx would build from the
// file emulates exactly like the one compile predicted with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { adapter } from '../../../targets/loihi/adapter.ts';
import { readNetxFile, toDescription } from '../../../targets/loihi/netx-reader.ts';
import { buildNetxNetwork } from '../../../targets/loihi/netx-model.ts';
import { loadH5 } from '../../../targets/loihi/h5.ts';
import { encodeNpy } from '../../../targets/loihi/npy.ts';
import { runStream } from '../../../targets/loihi/stream.ts';
import { decodeNpy } from '../../../targets/loihi/npy.ts';
import { DynalignError } from '../../../src/util/errors.ts';
import { makeInputs, makeLeakyModel, tempDir } from './helpers.ts';

async function compiled() {
  const dir = tempDir();
  const inputs = makeInputs(6, 5, 21, 4);
  writeFileSync(join(dir, 'x.npy'), encodeNpy(inputs.data, [6, 5, 21]));
  const outDir = join(dir, 'out');
  await adapter.compile(makeLeakyModel([21, 24, 10], 8), {
    outDir,
    options: { inputs: join(dir, 'x.npy') },
  });
  return { outDir, manifest: JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) };
}

test('network.net holds layer/<i> with the documented datasets and dtypes', async () => {
  const { outDir, manifest } = await compiled();
  const layers = await readNetxFile(join(outDir, 'network.net'));
  assert.deepEqual(
    layers.map((l) => [l.type, l.shape]),
    [
      ['input', [21]],
      ['dense', [24]],
      ['dense', [10]],
    ],
  );
  assert.equal(layers[0]!.neuron, undefined);
  const d = layers[1]!;
  assert.deepEqual(Object.keys(d.datasets).sort(), ['bias', 'inFeatures', 'outFeatures', 'weight']);
  assert.deepEqual([d.datasets.weight!.dtype, d.datasets.weight!.shape], ['<f', [24, 21]]);
  assert.deepEqual([d.datasets.bias!.dtype, d.datasets.inFeatures!.dtype], ['<f', '<q']);
  assert.deepEqual(d.neuron, {
    type: 'CUBA',
    iDecay: 4096,
    vDecay: 410,
    vThMant: manifest.layers[0].vth,
    refDelay: 1,
    gradedSpike: 0,
  });
  assert.deepEqual(d.datasets.bias!.values, manifest.layers[0].biasMant);
  assert.ok(
    (d.datasets.weight!.values as number[]).every((w) => Number.isInteger(w) && Math.abs(w) <= 254),
  );

  // The raw HDF5 types: |S10-style fixed string, int64 shape and scalars, vlen neuron type.
  const h5 = await loadH5();
  const f = new h5.File(join(outDir, 'network.net'), 'r');
  const meta = (p: string) => (f.get(p) as InstanceType<typeof h5.Dataset>).metadata;
  assert.deepEqual(
    [meta('layer/1/type').type, meta('layer/1/type').size, meta('layer/1/type').vlen],
    [3, 10, false],
  );
  assert.deepEqual([meta('layer/1/shape').size, meta('layer/1/shape').signed], [8, true]);
  assert.deepEqual(
    [meta('layer/1/neuron/iDecay').size, meta('layer/1/neuron/iDecay').shape],
    [8, []],
  );
  assert.equal(meta('layer/1/neuron/type').vlen, true);
  f.close();
});

test('the network netx builds from the file runs exactly like compile predicted', async () => {
  const { outDir, manifest } = await compiled();
  const desc = toDescription(await readNetxFile(join(outDir, 'network.net')), 'network.net');
  const net = buildNetxNetwork(desc, {
    inputMessageBits: manifest.netx.inputMessageBits,
    resetInterval: 5,
    resetOffset: 1,
  });
  const npy = decodeNpy(readFileSync(join(outDir, 'inputs.npy')));
  const run = runStream(net, {
    n: 6,
    steps: 5,
    channels: 21,
    data: npy.data as Int32Array,
    clamped: 0,
  });
  assert.deepEqual(run.predictions, manifest.expected.predictions);
  const expected = JSON.parse(readFileSync(join(outDir, 'dynalign_spikes.json'), 'utf8'));
  assert.deepEqual(run.spikes.layer2, expected.outputs.spikes_tn.lif2);
});

test('a netx file laid out like the documented examples (tiny.net, MNIST) parses', async () => {
  const path = join(tempDir(), 'example.net');
  const h5 = await loadH5();
  const f = new h5.File(path, 'w');
  const i64 = (x: number) => ({ data: BigInt64Array.of(BigInt(x)), shape: [] });
  // tiny.net: input layer with a LOIHI neuron, scalar transform weight/bias, then a conv layer.
  f.create_group('layer');
  const input = f.create_group('layer/0');
  input.create_dataset({ name: 'type', data: ['input'], shape: [1], dtype: 'A10' });
  input.create_dataset({ name: 'shape', data: BigInt64Array.of(3n, 16n, 16n), shape: [3] });
  input.create_dataset({ name: 'weight', data: Float32Array.of(36), shape: [1] });
  input.create_dataset({ name: 'bias', data: Float32Array.of(34), shape: [1] });
  const n0 = input.create_group('neuron');
  n0.create_dataset({ name: 'type', data: 'LOIHI' });
  for (const [k, v] of [
    ['iDecay', 4096],
    ['vDecay', 1024],
    ['vThMant', 25],
    ['refDelay', 1],
    ['theta', 1600],
    ['wgtExp', 0],
  ] as const) {
    n0.create_dataset({ name: k, ...i64(v) });
  }
  n0.create_dataset({ name: 'scaleRho', data: Float64Array.of(10), shape: [] });
  n0.create_dataset({ name: 'tauRho', data: Float64Array.of(0.5), shape: [] });
  const conv = f.create_group('layer/1');
  conv.create_dataset({ name: 'type', data: ['conv'], shape: [1], dtype: 'A10' });
  conv.create_dataset({ name: 'shape', data: BigInt64Array.of(24n, 6n, 6n), shape: [3] });
  conv.create_dataset({
    name: 'weight',
    data: new Float32Array(24 * 3 * 25),
    shape: [24, 3, 5, 5, 1],
  });
  for (const k of ['stride', 'padding', 'dilation', 'kernelSize'])
    conv.create_dataset({ name: k, data: BigInt64Array.of(2n, 2n), shape: [2] });
  conv.create_dataset({ name: 'groups', ...i64(1) });
  // trained_mnist_network.net style: dense layers with a CUBA neuron and gradedSpike.
  const dense = f.create_group('layer/2');
  dense.create_dataset({ name: 'type', data: ['dense'], shape: [1], dtype: 'A10' });
  dense.create_dataset({ name: 'shape', data: BigInt64Array.of(1n), shape: [1] });
  dense.create_dataset({ name: 'weight', data: Float32Array.of(2, -4, 6), shape: [3] });
  const n2 = dense.create_group('neuron');
  n2.create_dataset({ name: 'type', data: 'CUBA' });
  for (const [k, v] of [
    ['iDecay', 410],
    ['vDecay', 410],
    ['vThMant', 64],
    ['refDelay', 1],
  ] as const)
    n2.create_dataset({ name: k, ...i64(v) });
  n2.create_dataset({ name: 'gradedSpike', data: Int8Array.of(0), shape: [] });
  f.create_group('simulation').create_dataset({ name: 'tSample', ...i64(64) });
  f.close();

  const layers = await readNetxFile(path);
  assert.deepEqual(
    layers.map((l) => [l.type, l.shape]),
    [
      ['input', [3, 16, 16]],
      ['conv', [24, 6, 6]],
      ['dense', [1]],
    ],
  );
  assert.deepEqual(layers[0]!.neuron, {
    type: 'LOIHI',
    iDecay: 4096,
    vDecay: 1024,
    vThMant: 25,
    refDelay: 1,
    theta: 1600,
    wgtExp: 0,
    scaleRho: 10,
    tauRho: 0.5,
  });
  assert.deepEqual(
    [layers[0]!.datasets.weight!.values, layers[0]!.datasets.bias!.values],
    [[36], [34]],
  );
  assert.deepEqual(layers[1]!.datasets.weight!.shape, [24, 3, 5, 5, 1]);
  assert.throws(
    () => toDescription(layers, path),
    (e: unknown) => e instanceof DynalignError && /input layers with a neuron/.test(e.message),
  );

  // Dense-only (no input layer, as the trained MNIST file): a 1-D weight is one output row.
  const desc = toDescription(layers.slice(2), path);
  assert.deepEqual(
    [desc.inputShape, desc.layers[0]!.inFeatures, desc.layers[0]!.neuron.iDecay],
    [[3], 3, 410],
  );
  const net = buildNetxNetwork(desc, { inputMessageBits: 0 });
  assert.deepEqual([net.layers[0]!.du, net.layers[0]!.dv, net.layers[0]!.vth], [409, 410, 64]);
});
