import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeModel, encodeModel } from '../../src/ir/proto.js';
import { modelFromJson, modelToJson } from '../../src/ir/json.js';
import { readNir, writeNir } from '../../src/ir/nir/file.js';
import { closeH5 } from '../../src/ir/hdf5/host.js';
import { validateModel } from '../../src/ir/infer.js';
import { NODE_TYPES } from '../../src/ir/primitives/registry.js';
import type { IrGraph, IrModel } from '../../src/ir/model.js';
import { modelArb } from './arbitraries.js';
import { canonical } from './helpers.js';

after(closeH5);

function typesIn(g: IrGraph, out = new Set<string>()): Set<string> {
  for (const n of Object.values(g.nodes)) {
    out.add(n.type);
    if (n.graph) typesIn(n.graph, out);
  }
  return out;
}

test('generated graphs are valid and together use all 19 NIR primitives', () => {
  const seen = new Set<string>();
  fc.assert(fc.property(modelArb, (m) => {
    const errors = validateModel(m).problems.filter((p) => p.severity === 'error');
    assert.deepEqual(errors, []);
    typesIn(m.graph, seen);
  }), { numRuns: 300, seed: 4 });
  assert.deepEqual([...seen].sort(), [...NODE_TYPES].sort());
});

test('random graphs survive JSON and protobuf round trips bit for bit', () => {
  fc.assert(fc.property(modelArb, (m) => {
    const viaJson = modelFromJson(modelToJson(m));
    const viaProto = decodeModel(encodeModel(m));
    assert.deepStrictEqual(viaJson, m);
    assert.deepStrictEqual(viaProto, m);
    assert.equal(canonical(viaJson), canonical(m));
    assert.equal(canonical(viaProto), canonical(m));
  }), { numRuns: 200 });
});

test('random graphs survive a .nir round trip and then JSON and protobuf again', async () => {
  await fc.assert(fc.asyncProperty(modelArb, async (m: IrModel) => {
    const back = (await readNir(await writeNir(m))).model;
    assert.deepStrictEqual(back, m);
    assert.equal(canonical(back), canonical(m));
    const again = decodeModel(encodeModel(modelFromJson(modelToJson(back))));
    assert.equal(canonical(again), canonical(m));
  }), { numRuns: 40 });
});
