// Fuzzed model files (truncated, bit-flipped, overwritten, random, absurd shapes) must never
// crash the process or allocate without bound: each is a model or a one-line exit-2 error.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { closeH5 } from '../../src/ir/hdf5/host.js';
import { readNir } from '../../src/ir/nir/file.js';
import { modelToTree } from '../../src/ir/nir/write.js';
import { writeH5 } from '../../src/ir/hdf5/host.js';
import type { H5Group } from '../../src/ir/hdf5/tree.js';
import { encodeModel } from '../../src/ir/proto.js';
import { modelToJson } from '../../src/ir/json.js';
import { validateModel } from '../../src/ir/infer.js';
import { describeModel } from '../../src/ir/describe.js';
import { decodeModelBytes } from '../../src/io/model-file.js';
import { DynalignError } from '../../src/util/errors.js';
import { mulberry32 } from '../../src/util/random.js';
import { f32 } from '../../src/ir/tensor.js';
import { NIR_LIB, NIR_PAPER, makeGraph, makeModel, makePort } from './helpers.js';

after(closeH5);

/** Growth of the process's peak resident memory the whole fuzz run may cause. */
const RSS_GROWTH_BOUND = 768 * 2 ** 20;

const rnd = mulberry32(20240607);
const int = (n: number): number => Math.floor(rnd() * n);

function mutate(seed: Uint8Array, kind: number): Uint8Array {
  const b = new Uint8Array(seed);
  if (kind === 0) return b.slice(0, int(b.length));
  if (kind === 1) {
    for (let k = 1 + int(8); k > 0; k--) {
      const at = int(b.length);
      b[at] = b[at]! ^ (1 << int(8));
    }
    return b;
  }
  if (kind === 2) {
    for (let k = 0; k < 16; k++) b[int(b.length)] = int(256);
    return b;
  }
  return Uint8Array.from({ length: int(4096) }, () => int(256));
}

const ODD_VALUES: unknown[] = [null, -1, 0, 1e12, 'x', 'same', [], {}, true, [1e12], [-3, 2],
  { dtype: 'int64', shape: [2], data: [1] }, { string: 5 }, 'NaN'];

/** Replace one random value deep inside a JSON model (a structural, still-parsable mutation). */
function mutateJson(seed: Uint8Array): Uint8Array {
  const doc = JSON.parse(new TextDecoder().decode(seed)) as unknown;
  let at = doc as Record<string, unknown>;
  for (let depth = 0; depth < 12; depth++) {
    const keys = Object.keys(at);
    if (keys.length === 0) break;
    const k = keys[int(keys.length)]!;
    const child = at[k];
    if (child === null || typeof child !== 'object' || rnd() < 0.25) {
      at[k] = ODD_VALUES[int(ODD_VALUES.length)];
      break;
    }
    at = child as Record<string, unknown>;
  }
  return new TextEncoder().encode(JSON.stringify(doc));
}

interface Tally {
  cases: number;
  loaded: number;
  rejected: Record<string, number>;
}

async function check(bytes: Uint8Array, name: string, tally: Tally): Promise<void> {
  tally.cases++;
  try {
    const { model } = await decodeModelBytes(bytes, name);
    validateModel(model);
    describeModel(model);
    tally.loaded++;
  } catch (e) {
    assert.ok(e instanceof DynalignError, `${name}: ${String(e)}`);
    assert.equal(e.exitCode, 2);
    const cause = e.cause as Error | undefined;
    assert.ok(!(cause instanceof TypeError), `${name}: a bug, not a bad file: ${cause?.stack}`);
    assert.match(e.format(), /^dynalign: E_[A-Z0-9_]+: .+/);
    assert.doesNotMatch(e.format(), /\n/);
    tally.rejected[e.code] = (tally.rejected[e.code] ?? 0) + 1;
  }
}

/**
 * A .nir file whose Affine weight claims 10^12 rows: written as a gzip chunk (HDF5 allows a
 * chunked dataset larger than what is stored), then its dims patched in the HDF5 header.
 */
async function absurdNir(): Promise<Uint8Array> {
  const rows = 12345;
  const model = makeModel(makeGraph({
    input: makePort('Input', [1]),
    fc: { type: 'Affine', params: { weight: f32(new Float32Array(rows), [rows, 1]),
      bias: f32(new Float32Array(rows)) }, metadata: {} },
  }, [['input', 'fc']]));
  const tree = modelToTree(model);
  const fc = find(find(find(tree, 'node'), 'nodes'), 'fc');
  for (const [, d] of fc.children) if (d.kind === 'numeric') d.gzip = true;
  const bytes = await writeH5(tree);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hits: number[] = [];
  for (let at = 0; at + 8 <= bytes.length; at++) {
    if (view.getBigUint64(at, true) === BigInt(rows)) hits.push(at);
  }

  // A dataspace stores dims then max dims, 8 or 16 bytes apart; the chunk index is left alone.
  const dataspace = hits.filter((a) => hits.some((b) => b !== a && Math.abs(b - a) <= 16));
  for (const at of dataspace) view.setBigUint64(at, 10n ** 12n, true);
  assert.equal(dataspace.length, 4, 'dims and max dims of weight and bias');
  return bytes;
}

function find(g: H5Group, name: string): H5Group {
  return g.children.find(([k]) => k === name)![1] as H5Group;
}

test('10,000+ fuzzed files never crash, stay within the memory bound and exit 2 with ' +
  'a message', async (t) => {
  const rssBefore = process.resourceUsage().maxRSS * 1024;
  const tally: Tally = { cases: 0, loaded: 0, rejected: {} };
  const nirSeeds = ['nir_delay.nir', 'snn_cubalif.nir'].map((f) => readFileSync(NIR_LIB + f));
  nirSeeds.push(readFileSync(NIR_PAPER + 'lif_norse.nir'));
  const models = await Promise.all(nirSeeds.map(async (b) => (await readNir(b)).model));
  const pbSeeds = models.map((m) => encodeModel(m));
  const jsonSeeds = models.map((m) => new TextEncoder().encode(modelToJson(m)));

  // Absurd shapes in each format: 10^12 elements declared, nothing that size allocated.
  await check(await absurdNir(), 'absurd.nir', tally);
  const weightShape = /"shape": \[\n? *5,\n? *4\n? *\]/;
  const json = modelToJson(models[0]!).replace(weightShape, '"shape":[1e12,4]');
  assert.match(json, /1e12/);
  await check(new TextEncoder().encode(json), 'absurd.json', tally);
  const huge = structuredClone(models[0]!);
  (huge.graph.nodes.fc!.params.weight as { shape: number[] }).shape = [1e12, 4];
  await check(encodeModel(huge), 'absurd.nirpb', tally);
  assert.equal(tally.loaded, 0, JSON.stringify(tally));
  assert.equal(tally.rejected.E_NIR_TOO_LARGE, 1, JSON.stringify(tally));
  assert.equal(tally.rejected.E_TENSOR_TOO_LARGE, 2, JSON.stringify(tally));

  // Cheap formats in bulk; .nir (HDF5 in a worker) fewer, every mutation kind included.
  for (let k = 0; k < 2300; k++) await check(mutate(jsonSeeds[k % 3]!, k % 4), 'f.json', tally);
  for (let k = 0; k < 2300; k++) await check(mutateJson(jsonSeeds[k % 3]!), 'f.json', tally);
  for (let k = 0; k < 4600; k++) await check(mutate(pbSeeds[k % 3]!, k % 4), 'f.nirpb', tally);
  for (let k = 0; k < 600; k++) await check(mutate(nirSeeds[k % 3]!, 3), 'f.nir', tally);
  for (let k = 0; k < 240; k++) await check(mutate(nirSeeds[k % 3]!, k % 3), 'f.nir', tally);

  assert.ok(tally.cases >= 10_000, `${tally.cases} cases`);
  const growth = process.resourceUsage().maxRSS * 1024 - rssBefore;
  assert.ok(growth < RSS_GROWTH_BOUND, `peak RSS grew by ${growth} bytes`);
  t.diagnostic(`${JSON.stringify(tally)}; peak RSS grew by ${(growth / 2 ** 20).toFixed(0)} MiB`);
  assert.ok(Object.keys(tally.rejected).length >= 5, JSON.stringify(tally));
});
