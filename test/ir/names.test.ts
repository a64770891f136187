// Node names with '/' in .nir files: written under a percent-encoded stand-in that the Python
// library reads as a consistent graph, read back by dynalign under the original name.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeH5 } from '../../src/ir/hdf5/host.js';
import { readNir, writeNir } from '../../src/ir/nir/file.js';
import { modelToTree } from '../../src/ir/nir/write.js';
import { NAMES_KEY, restoreNames, standInName } from '../../src/ir/nir/names.js';
import { saveModel } from '../../src/io/model-file.js';
import type { H5Group, H5Node } from '../../src/ir/hdf5/tree.js';
import { makeGraph, makeLif, makeModel, makeSlashModel } from './helpers.js';

after(closeH5);

const child = (g: H5Group, name: string): H5Node | undefined =>
  g.children.find(([k]) => k === name)?.[1];

test('node names with / survive a .nir round trip, nested graphs included', async () => {
  const model = makeSlashModel();
  const back = (await readNir(await writeNir(model))).model;
  assert.deepStrictEqual(back.graph, model.graph);
});

test('the file holds percent-encoded stand-ins in nodes and edges, and the map in metadata',
  () => {
  const top = child(modelToTree(makeSlashModel()), 'node') as H5Group;
  const nodes = child(top, 'nodes') as H5Group;
  assert.deepEqual(nodes.children.map(([k]) => k).sort(),
    ['a%b', 'enc%2Ffc', 'enc%2Flif', 'input', 'output', 'rnn%2F1']);

  const edges = child(top, 'edges') as { values: string[] };
  assert.deepEqual(edges.values, ['input', 'enc%2Ffc', 'enc%2Ffc', 'enc%2Flif', 'enc%2Flif',
    'rnn%2F1', 'rnn%2F1', 'a%b', 'a%b', 'output']);

  const meta = child(child(top, 'metadata') as H5Group, NAMES_KEY) as H5Group;
  assert.deepEqual(meta.children.map(([k, v]) => [k, (v as { values: string[] }).values[0]]),
    [['enc%2Ffc', 'enc/fc'], ['enc%2Flif', 'enc/lif'], ['rnn%2F1', 'rnn/1']]);
  const inner = child(child(nodes, 'rnn%2F1') as H5Group, 'nodes') as H5Group;
  assert.ok(child(inner, 'x%2Fy'), 'the nested graph renames its own nodes');
});

test('a graph whose names HDF5 can hold is written exactly as nir.write would', () => {
  const model = makeModel(makeGraph({ 'a%2Fb': makeLif(1), 'a.b': makeLif(1) }, []));
  const top = child(modelToTree(model), 'node') as H5Group;
  assert.deepEqual((child(top, 'nodes') as H5Group).children.map(([k]) => k), ['a%2Fb', 'a.b']);
  const meta = child(top, 'metadata') as H5Group;
  assert.equal(child(meta, NAMES_KEY), undefined);
});

test('a stand-in that is another node\'s name, or an empty name, is refused naming the node',
  async () => {
  const clash = makeModel(makeGraph({ 'a/b': makeLif(1), 'a%2Fb': makeLif(1) }, []));
  assert.throws(() => modelToTree(clash), (e: Error & { code?: string; path?: string }) =>
    e.code === 'E_NIR_NAME' && e.path === '/graph/nodes/a%2Fb' &&
    /^node 'a\/b' would be written as 'a%2Fb', which another node/.test(e.message));

  const empty = makeModel(makeGraph({ '': makeLif(1) }, []));
  assert.throws(() => modelToTree(empty), { code: 'E_NIR_NAME',
    message: 'a node has an empty name, which HDF5 cannot store' });

  const badKey = makeModel(makeGraph({ lif: makeLif(1) }, []));
  badKey.graph.metadata['a/b'] = { kind: 'string', value: 'x' };
  await assert.rejects(saveModel('/nonexistent-dir/never-written.nir', badKey), (e: Error &
    { code?: string; exitCode?: number }) => e.code === 'E_NIR_NAME' && e.exitCode === 2 &&
    /metadata key 'a\/b' cannot be an HDF5 group or dataset name/.test(e.message));
});

test('a name map that does not fit the graph is refused rather than guessed', () => {
  const nodes = { 'a%2Fb': makeLif(1) };
  const map = (stand: string, real: string) => ({ [NAMES_KEY]: { kind: 'dict' as const,
    value: { [stand]: { kind: 'string' as const, value: real } } } });
  const ok = restoreNames(nodes, [['a%2Fb', 'a%2Fb']], map('a%2Fb', 'a/b'), '/node');
  assert.deepEqual(Object.keys(ok.nodes), ['a/b']);
  assert.deepEqual(ok.edges, [['a/b', 'a/b']]);
  assert.deepEqual(ok.metadata, {});

  assert.throws(() => restoreNames(nodes, [], map('a%2Fb', 'c/d'), '/node'),
    { code: 'E_NIR_EXT', path: `/node/metadata/${NAMES_KEY}/a%2Fb` });
  assert.throws(() => restoreNames(nodes, [], map('zz', 'z/z'), '/node'), { code: 'E_NIR_EXT' });
  assert.equal(standInName('.'), '%2E');
  assert.equal(standInName('50%/x'), '50%25%2Fx');
});
