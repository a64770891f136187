// The Loihi NumericProfile run by the shared emulator core equals the target's own Simulator
// (targets/loihi/simulate.ts) and Lava's golden vectors: every spike, u and v of every golden
// file, and spike for spike on the demo networks' 500 test inputs through netx's pipeline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EncodedSet } from '../../../src/encoding/encoder.ts';
import { buildPlan } from '../../../src/emulator/plan.ts';
import { Runner } from '../../../src/emulator/runner.ts';
import { loadModel } from '../../../src/io/model-file.ts';
import { readGoldenFile, type GoldenFile } from '../../../targets/loihi/golden-file.ts';
import { checkGolden } from '../../../targets/loihi/golden-check.ts';
import { quantiseWithOptions, stepsOf } from '../../../targets/loihi/compile.ts';
import { parseLoihiOptions } from '../../../targets/loihi/options.ts';
import { emulateQuantised, toIntegerInputs } from '../../../targets/loihi/emulate-model.ts';
import { buildNetxNetwork } from '../../../targets/loihi/netx-model.ts';
import { Simulator } from '../../../targets/loihi/simulate.ts';
import { coreModelOf, emulateOnCore } from '../../../targets/loihi/core-run.ts';
import { loihiProfile } from '../../../targets/loihi/numeric-profile.ts';
import type { LoihiQuantisation } from '../../../targets/loihi/quantise.ts';
import { FIXTURES, loadDemoFixture } from './helpers.ts';

const GOLDEN = `${FIXTURES}/loihi-lava`;
const DEMO = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Per step and layer: spikes, u and v after the step, as the core computes them. */
function coreTrace(g: GoldenFile) {
  const profile = loihiProfile({ inputBits: 0, delay: 1 });
  const runner = new Runner(buildPlan(coreModelOf(g.net, profile), profile));
  const frames = Float32Array.from(g.input.flat());
  const rows: Array<{ spikes: number[]; u: number[]; v: number[] }> = [];
  runner.runSample(frames, 0, g.steps, {
    state(_t, _layer, v, i) {
      rows.push({ spikes: [], u: Array.from(i), v: Array.from(v) });
    },
    spikes(_t, _layer, ev, nev) {
      rows[rows.length - 1]!.spikes = Array.from(ev.subarray(0, nev));
    },
  });
  return rows;
}

test('every Lava golden file: the core reproduces all spikes, u and v', async () => {
  const files = readdirSync(GOLDEN).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 3);
  for (const f of files) {
    const g = await readGoldenFile(`${GOLDEN}/${f}`);
    assert.equal(checkGolden(g).check?.passed, true, `${f}: the Simulator oracle`);
    for (const l of g.net.layers) assert.ok(g.init[l.name]!.v.every((x) => x === 0));
    const rows = coreTrace(g);
    const depth = g.net.layers.length;
    assert.equal(rows.length, g.steps * depth);
    let spikes = 0;
    for (let t = 0; t < g.steps; t++) {
      g.net.layers.forEach((l, k) => {
        const r = rows[t * depth + k]!;
        const want = g.outputs.spikes[l.name]![t]!.flatMap((s, j) => (s ? [j] : []));
        const at = `${f} step ${t + 1} ${l.name}`;
        assert.deepEqual(r.spikes, want, `${at}: spikes`);
        assert.deepEqual(r.u, g.outputs.u![l.name]![t], `${at}: u`);
        assert.deepEqual(r.v, g.outputs.v![l.name]![t], `${at}: v`);
        spikes += want.length;
      });
    }
    assert.ok(spikes > 100, `${f}: ${spikes} spikes`);
  }
});

async function demo(mode: string): Promise<{ q: LoihiQuantisation; set: EncodedSet }> {
  const { model, inputs: set } = await loadDemoFixture(mode);
  const o = parseLoihiOptions({});
  return { q: quantiseWithOptions(model, o, stepsOf(model, o, set.steps)), set };
}

/** The Simulator's pipelined run (as emulateQuantised), recording each layer's window spikes. */
function oracleSpikes(q: LoihiQuantisation, set: EncodedSet): number[] {
  const net = buildNetxNetwork(q.desc, q.run);
  const ints = toIntegerInputs(q, set);
  const sim = new Simulator(net);
  const depth = net.layers.length;
  const T = set.steps;
  const zero = new Int32Array(net.nInputs);
  const perStep: number[][][] = [];
  const out: number[] = [];
  for (let n = 0; n < set.n; n++) {
    sim.resetState();
    perStep.length = 0;
    for (let t = 1; t <= T + depth; t++) {
      const o = (n * T + t - 1) * net.nInputs;
      sim.step(t, t <= T ? ints.data.subarray(o, o + net.nInputs) : zero);
      for (let k = 0; k < depth; k++) {
        const s = t - k - 2;
        if (s < 0 || s >= T) continue;
        (perStep[s] ??= [])[k] = Array.from(sim.spikes[k]!).flatMap((x, j) => (x ? [j] : []));
      }
    }
    perStep.forEach((layers, s) =>
      layers.forEach((js, k) => js.forEach((j) => out.push(n, s, k, j))),
    );
  }
  return out;
}

for (const mode of ['dissipative', 'expansive']) {
  const title = `${mode} demo, 500 inputs: the core equals the pipelined Simulator spike for spike`;
  test(title, async () => {
    const { q, set } = await demo(mode);
    const core = await emulateOnCore(q, set, { workers: 1, recordSpikes: true });
    const own = emulateQuantised(q, set);

    // Every spike of every layer's window, in order: (input, step, layer, neuron).
    const r = core.run.chunk.spikes!;
    const got: number[] = [];
    for (let e = 0; e < r.count; e++)
      got.push(r.sample[e]!, r.step[e]!, r.layer[e]!, r.neuron[e]!);
    const want = oracleSpikes(q, set);
    assert.ok(want.length / 4 > 20_000, `${want.length / 4} spikes`);
    assert.deepEqual(got, want);

    // Predictions and every count the energy model reads.
    const rec = core.result;
    assert.equal(rec.n, 500);
    assert.deepEqual(Array.from(rec.outputCounts), Array.from(own.result.outputCounts));
    assert.equal(rec.accuracy, own.result.accuracy);
    assert.deepEqual(rec.perLayer, own.result.perLayer);
    core.sim.counts.forEach((c, k) => {
      const o = own.sim.counts[k]!;
      const plain = (x: typeof c) => ({ ...x, perNeuron: Array.from(x.perNeuron) });
      assert.deepEqual(plain(c), plain(o));
    });
  });
}

test('emulate --target loihi runs on the shared core: two workers equal one', async () => {
  const { adapter } = await import('../../../targets/loihi/adapter.ts');
  const model = await loadModel(`${DEMO}demo-expansive.nirpb`);
  const { set } = await demo('expansive');
  const one = await adapter.emulate(model, set, { options: { workers: '1' } });
  const two = await adapter.emulate(model, set, { options: { workers: '2' } });
  assert.equal((one.extra as { engine: string }).engine, 'shared core');
  assert.deepEqual(Array.from(two.outputCounts), Array.from(one.outputCounts));
  assert.deepEqual(two.perLayer, one.perLayer);
  const pick = (r: typeof one) => {
    const e = r.extra as { overflow: unknown; energy: unknown; accuracy: unknown };
    return { overflow: e.overflow, energy: e.energy, accuracy: e.accuracy };
  };
  assert.deepEqual(pick(two), pick(one));
});

test('binary input spikes (no encoder): the core counts synops as the Simulator does', async () => {
  const model = await loadModel(`${DEMO}demo-dissipative.nirpb`);
  delete model.encoder;
  const { set } = await demo('dissipative');
  const bits = Float32Array.from(set.data, (x) => (x > 0.5 ? 1 : 0));
  const spikes: EncodedSet = { ...set, data: bits };
  const o = parseLoihiOptions({});
  const q = quantiseWithOptions(model, o, stepsOf(model, o, set.steps));
  assert.equal(q.graded, false);
  const core = await emulateOnCore(q, spikes, { workers: 1 });
  const own = emulateQuantised(q, spikes);
  assert.ok(own.result.perLayer[0]!.synops > 0);
  assert.equal(own.result.perLayer[0]!.macs, 0);
  assert.deepEqual(core.result.perLayer, own.result.perLayer);
  assert.deepEqual(Array.from(core.result.outputCounts), Array.from(own.result.outputCounts));
});
