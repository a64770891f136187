import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeDatasetBytes,
  encodeDatasetBytes,
  readEncodedDataset,
  writeEncodedDataset,
} from '../../src/encoding/dataset-file.js';
import type { EncodedSet } from '../../src/encoding/encoder.js';

const encoder = {
  system: 'lorenz',
  params: { sigma: 10, rho: 28, beta: 8 / 3 },
  h: 0.01,
  tmax: 8,
  numSteps: 3,
  nFeatures: 2,
  sigmaLambda: -13.67,
  reducer: { kind: 'pca' as const, nComponents: 2, seed: 1 },
};

function makeSet(n: number, labelled: boolean): EncodedSet {
  const data = Float32Array.from({ length: n * 3 * 6 }, (_, i) => Math.sin(i) * 100);
  return {
    n,
    steps: 3,
    channels: 6,
    data,
    ...(labelled ? { labels: Uint8Array.from({ length: n }, (_, i) => i % 10) } : {}),
  };
}

test('an encoded dataset round-trips through the .dynenc layout bit for bit', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dynenc-'));
  try {
    const file = join(dir, 'x.dynenc');
    const sets = { train: makeSet(13, true), test: makeSet(5, false) };
    await writeEncodedDataset(file, sets, encoder, { dataset: 'unit' });
    const back = await readEncodedDataset(file);
    assert.deepEqual(back.header.encoder, encoder);
    assert.equal(back.header.version, 1);
    assert.match(back.header.notice, /do not edit/);
    assert.deepEqual(back.sets['train'], sets.train);
    assert.deepEqual(back.sets['test'], sets.test);

    // The documented layout: magic, version byte, u32 header length, 8-byte aligned tensors.
    const raw = await readFile(file);
    assert.equal(raw.subarray(0, 7).toString('latin1'), 'DYNENC\0');
    assert.equal(raw[7], 1);
    const e = back.header.sets[0]!;
    assert.equal(e.dataOffset, 12 + raw.readUInt32LE(8));
    assert.equal(e.dataOffset % 8, 0);
    assert.equal(raw.readFloatLE(e.dataOffset + 4 * 7), sets.train.data[7]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a flipped tensor byte, a bad magic and a missing file are named errors', async () => {
  const bytes = encodeDatasetBytes({ train: makeSet(4, true) }, encoder, {});
  const edited = bytes.slice();
  edited[edited.length - 20]! ^= 1;
  assert.throws(
    () => decodeDatasetBytes(edited, 'e.dynenc'),
    (e: Error & { code?: string }) => e.code === 'E_BAD_ENCODED_FILE' && /digest/.test(e.message),
  );
  const alien = bytes.slice();
  alien[0] = 0x50;
  assert.throws(() => decodeDatasetBytes(alien), /bad magic/);
  const dir = await mkdtemp(join(tmpdir(), 'dynenc-'));
  try {
    await writeFile(join(dir, 'short.dynenc'), bytes.subarray(0, 40));
    await assert.rejects(
      readEncodedDataset(join(dir, 'short.dynenc')),
      /header runs past the end|not JSON/,
    );
    await assert.rejects(
      readEncodedDataset(join(dir, 'none.dynenc')),
      (e: Error & { code?: string }) => e.code === 'E_NO_FILE',
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
