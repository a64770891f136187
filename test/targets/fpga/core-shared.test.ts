// The fpga NumericProfile run by the shared emulator core equals the target's own cycle-exact
// loop (targets/fpga/src/core.ts, itself checked against Verilator) spike for spike, in every
// per-layer count and in clock cycles, on random programs and on trained fixture networks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../../../src/io/model-file.ts';
import type { EncodedSet } from '../../../src/encoding/encoder.ts';
import { decodeNpy } from '../../../targets/loihi/npy.ts';
import { runCore } from '../../../targets/fpga/src/core.ts';
import type { FpgaArch } from '../../../targets/fpga/src/arch.ts';
import { quantizeInputs } from '../../../targets/fpga/src/input-scale.ts';
import { prepare } from '../../../targets/fpga/src/prepare.ts';
import type { FpgaProgram } from '../../../targets/fpga/src/quantize.ts';
import { runOnCore } from '../../../targets/fpga/core-run.ts';
import { adapter } from '../../../targets/fpga/adapter.ts';
import { randomCodes, randomProgram } from './helpers.ts';

const LOIHI_FIXTURES = fileURLToPath(new URL('../loihi/fixtures/', import.meta.url));
const SPINNAKER_FIXTURES = fileURLToPath(
  new URL('../../../targets/spinnaker/fixtures/', import.meta.url),
);

/** Both runs of one program: AER lists (input, step, layer, neuron), counts and cycles. */
async function bothRuns(prog: FpgaProgram, codes: Int8Array, n: number, steps: number) {
  const own: number[] = [];
  const oracle = runCore(prog, codes, n, steps, (t) =>
    t.spikes.forEach((s, l) => s.forEach((j) => own.push(t.input, t.step, l, j))),
  );
  const core = await runOnCore(prog, codes, n, steps, { recordSpikes: true, workers: 1 });
  const rec = core.chunk.spikes!;
  const shared: number[] = [];
  for (let e = 0; e < rec.count; e++)
    shared.push(rec.sample[e]!, rec.step[e]!, rec.layer[e]!, rec.neuron[e]!);
  return { oracle, core, own, shared };
}

function assertSame(r: Awaited<ReturnType<typeof bothRuns>>, what: string): void {
  assert.equal(r.shared.length, r.own.length, `${what}: spike totals`);
  assert.deepEqual(r.shared, r.own, `${what}: spikes`);
  assert.deepEqual(Array.from(r.core.result.outputCounts), Array.from(r.oracle.outputCounts));
  assert.equal(r.core.result.cycles, r.oracle.cycles, `${what}: cycles`);
  const strip = (l: { name: string }) => ({ ...l, name: '' });
  assert.deepEqual(r.core.result.perLayer.map(strip), r.oracle.perLayer.map(strip), what);
}

const ARCHS: Array<Partial<FpgaArch>> = [
  { weightBits: 8, stateBits: 16, leak: 'multiply', lanes: 2 },
  { weightBits: 8, stateBits: 24, leak: 'shift', lanes: 4 },
  { weightBits: 4, stateBits: 16, leak: 'shift', lanes: 8 },
  { weightBits: 4, stateBits: 24, leak: 'multiply', lanes: 1 },
];

test('random programs over the whole legal range run identically on the shared core', async () => {
  let spikes = 0;
  for (let seed = 1; seed <= 48; seed++) {
    const arch = ARCHS[seed % ARCHS.length]!;
    const prog = randomProgram([5, 7, 6, 3], arch, seed);
    const codes = randomCodes(6, 5, 5, 1000 + seed);
    const r = await bothRuns(prog, codes, 6, 5);
    assertSame(r, `seed ${seed} (${prog.reset}, ${JSON.stringify(arch)})`);
    spikes += r.own.length / 4;
  }
  // Both reset rules and enough activity to mean something were exercised.
  assert.ok(spikes > 1000, `only ${spikes} spikes`);
});

async function fixture(model: string, x: string, y: string) {
  const m = await loadModel(model);
  const xs = decodeNpy(readFileSync(x));
  const labels = decodeNpy(readFileSync(y)).data as Uint8Array;
  const [n, steps, channels] = xs.shape as [number, number, number];
  const set: EncodedSet = { n, steps, channels, data: xs.data as Float32Array, labels };
  return { m, set };
}

const NETWORKS = [
  ...['dissipative', 'expansive'].map((mode) => [
    `${LOIHI_FIXTURES}demo-${mode}.nirpb`,
    `${LOIHI_FIXTURES}demo-${mode}-test.npy`,
    `${LOIHI_FIXTURES}demo-${mode}-labels.npy`,
  ]),
  ...['dissipative-zero', 'expansive-zero'].map((name) => [
    `${SPINNAKER_FIXTURES}${name}.nirpb`,
    `${SPINNAKER_FIXTURES}${name}.inputs.npy`,
    `${SPINNAKER_FIXTURES}${name}.labels.npy`,
  ]),
] as Array<[string, string, string]>;

for (const [model, x, y] of NETWORKS) {
  const name = model.split('/').pop()!;
  test(`fixture ${name}: 200 inputs, spikes, counts and cycles equal`, async () => {
    const { m, set } = await fixture(model, x, y);
    const { prog } = prepare(m, { part: 'generic' });
    const n = Math.min(200, set.n);
    const codes = quantizeInputs({ ...set, n }, prog.inputScale);
    const r = await bothRuns(prog, codes, n, set.steps);
    assertSame(r, name);
    assert.ok(r.own.length > 0);
  });
}

test('emulate --target fpga runs on the shared core: two workers equal one', async () => {
  const [model, x, y] = NETWORKS[0]!;
  const { m, set } = await fixture(model, x, y);
  const one = await adapter.emulate(m, set, { options: { part: 'generic', workers: '1' } });
  const two = await adapter.emulate(m, set, { options: { part: 'generic', workers: '2' } });
  const { prog } = prepare(m, { part: 'generic' });
  const oracle = runCore(prog, quantizeInputs(set, prog.inputScale), set.n, set.steps);
  assert.deepEqual(Array.from(one.outputCounts), Array.from(oracle.outputCounts));
  assert.deepEqual(Array.from(two.outputCounts), Array.from(oracle.outputCounts));
  assert.equal(one.cycles, oracle.cycles);
  assert.equal(two.cycles, oracle.cycles);
  assert.deepEqual(two.perLayer, one.perLayer);
  assert.equal((one.extra as { engine: string }).engine, 'shared core');
});

test('emulate --target fpga --record writes the core’s AER record with a stamp', async () => {
  const [model, x, y] = NETWORKS[1]!;
  const { m, set } = await fixture(model, x, y);
  const small = { ...set, n: 50, data: set.data.subarray(0, 50 * set.steps * set.channels) };
  const dir = mkdtempSync(join(tmpdir(), 'dl-fpga-core-'));
  const path = join(dir, 'spikes.csv');
  try {
    const r = await adapter.emulate(m, small, {
      options: { part: 'generic', workers: '1', record: path },
    });
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    assert.match(lines[0]!, /^# spike events \(AER\), generated by .* sha256 [0-9a-f]{64}; do not/);
    assert.equal(lines[1], 'sample,step,layer,neuron');
    const total = r.perLayer.reduce((a, l) => a + l.spikes, 0);
    assert.equal(lines.length - 2, total);
    assert.match(lines[2]!, /^0,\d,lif\d,\d+$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
