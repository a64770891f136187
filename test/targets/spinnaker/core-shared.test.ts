// `emulate --target spinnaker` runs on the shared emulator core: its SpiNNaker profile (synapse
// stage + LIF kernel) equals the target's own tick loop (targets/spinnaker/network/run.ts, the
// oracle) spike for spike, with the same per-population counts, ring saturations and s16.15
// overflows: on random networks over the whole rule set, and on the trained fixture networks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { EncodedSet } from '../../../src/encoding/encoder.js';
import type { EmulationRun } from '../../../src/emulator/emulate.js';
import { loadModel } from '../../../src/io/model-file.js';
import { decodeNpy } from '../../../targets/spinnaker/emit/npy.js';
import { runFixedNetwork } from '../../../targets/spinnaker/emulate.js';
import {
  framesFromStimuli,
  runFramesOnCore,
  runOnCore,
  totalsOf,
} from '../../../targets/spinnaker/core-run.js';
import {
  buildRows,
  emptyTotals,
  runInference,
  ticksPerInference,
  type RunTotals,
} from '../../../targets/spinnaker/network/run.js';
import type {
  CellType,
  FixedNetwork,
  SpinnNetwork,
  Stimulus,
} from '../../../targets/spinnaker/network/types.js';
import { FixedPopulationEngine } from '../../../targets/spinnaker/profile/population-fixed.js';
import { quantiseNetwork } from '../../../targets/spinnaker/profile/quantise.js';
import { prepare } from '../../../targets/spinnaker/prepare.js';
import { makeNetwork, makePopulation, makeProjection } from './helpers.js';
import { mulberry32 } from '../../../src/util/random.js';

const FIXTURES = fileURLToPath(new URL('../../../targets/spinnaker/fixtures/', import.meta.url));

/** Spikes as "sample,tick,population,neuron" keys, sorted. */
type Keys = string[];

const rng = mulberry32;

/** The oracle: the target's own loop, every spike with its board tick. */
function runOracle(net: SpinnNetwork, fixed: FixedNetwork, stims: Stimulus[]) {
  const engines = fixed.populations.map((p) => new FixedPopulationEngine(p));
  const rows = buildRows(net, fixed);
  const totals = emptyTotals(net);
  const spikes: Keys = [];
  const outs: Int32Array[] = [];
  stims.forEach((stim, sample) => {
    const sink = (s: number, t: number, p: number, i: number) => {
      if (p >= 0) spikes.push(`${s},${t},${p},${i}`);
    };
    outs.push(runInference(net, engines, rows, stim, totals, { sample, sink }));
  });
  return { totals, spikes: spikes.sort(), outs };
}

/** The core's spikes as the same keys (its layers are the populations, its steps the ticks). */
function coreKeys(run: EmulationRun): Keys {
  const s = run.chunk.spikes!;
  const keys: Keys = [];
  for (let e = 0; e < s.count; e++) {
    keys.push(`${s.sample[e]},${s.step[e]},${s.layer[e]},${s.neuron[e]}`);
  }
  return keys.sort();
}

function assertTotalsEqual(core: RunTotals, oracle: RunTotals, what: string): void {
  for (const key of ['spikes', 'synops', 'neuronUpdates', 'overflows'] as const) {
    assert.deepEqual(Array.from(core[key]), Array.from(oracle[key]), `${what}: ${key}`);
  }
  assert.deepEqual(
    core.saturations.map((s) => Array.from(s)),
    oracle.saturations.map((s) => Array.from(s)),
    `${what}: saturations`,
  );
  assert.equal(core.sourceSpikes, oracle.sourceSpikes, `${what}: source spikes`);
  assert.equal(core.ticks, oracle.ticks, `${what}: ticks`);
}

type Connection = [number, number, number, number];

/** A random chain: 1–3 populations, signed random weights, per-connection delays of 1–6 ms. */
function randomNetwork(seed: number, cell: CellType, spikes: boolean): SpinnNetwork {
  const r = rng(seed);
  const sizes = Array.from({ length: 1 + Math.floor(r() * 3) }, () => 2 + Math.floor(r() * 9));
  const source = spikes ? 3 + Math.floor(r() * 8) : 0;
  const pops = sizes.map((n, p) => {
    const pop = makePopulation(
      n,
      cell,
      {
        tau_m: 2 + r() * 30,
        v_rest: r() * 0.4 - 0.2,
        v_reset: r() * 0.3 - 0.3,
        v_thresh: 0.5 + r() * 1.5,
        tau_refrac: r() < 0.5 ? 0 : Math.floor(r() * 3),
        i_offset: r() < 0.5 ? 0 : r() * 0.2,
        v_init: r() * 0.6 - 0.3,
        ...(cell === 'IF_curr_exp' ? { tau_syn_E: 1 + r() * 8, tau_syn_I: 1 + r() * 8 } : {}),
      },
      p + (spikes ? 1 : 0) + Math.floor(r() * 2),
    );
    pop.label = `pop${p}`;
    pop.bias = Float64Array.from({ length: n }, () => (r() < 0.5 ? 0 : r() * 0.3));
    return pop;
  });
  const projections = [];
  const first = spikes ? -1 : 0;
  for (let post = spikes ? 0 : 1; post < pops.length; post++) {
    const pre = post - 1 < first ? first : post - 1;
    const nPre = pre < 0 ? source : pops[pre]!.size;
    const lists = { excitatory: [] as Connection[], inhibitory: [] as Connection[] };
    for (let i = 0; i < nPre; i++)
      for (let j = 0; j < pops[post]!.size; j++) {
        if (r() < 0.3) continue;
        const w = (r() * 2 - 0.7) * 3;
        const delay = 1 + Math.floor(r() * 6);
        lists[w >= 0 ? 'excitatory' : 'inhibitory'].push([i, j, Math.abs(w), delay]);
      }
    projections.push(makeProjection(pre, post, 'excitatory', lists.excitatory));
    projections.push(makeProjection(pre, post, 'inhibitory', lists.inhibitory));
  }
  const steps = 6 + Math.floor(r() * 10);
  return makeNetwork(pops, projections, steps, source);
}

/** Random stimuli: currents as s16.15 bits up to ±4 nA, or source spikes with p = 0.4. */
function randomStimuli(net: SpinnNetwork, seed: number, n: number): Stimulus[] {
  const r = rng(seed);
  const n0 = net.populations[0]!.size;
  return Array.from({ length: n }, () => {
    if (net.inputMode === 'spikes') {
      const sourceSpikes = Array.from({ length: net.steps }, () => {
        const fired: number[] = [];
        for (let i = 0; i < net.sourceSize; i++) if (r() < 0.4) fired.push(i);
        return Int32Array.from(fired);
      });
      return { sourceSpikes };
    }
    const currents = Float64Array.from({ length: net.steps * n0 }, () =>
      Math.round((r() * 8 - 3) * 32768),
    );
    return { currents };
  });
}

for (const cell of ['IF_curr_delta', 'IF_curr_exp'] as const) {
  for (const spikes of [false, true]) {
    const mode = spikes ? 'spike source' : 'host currents';
    test(`${cell}, ${mode}: 24 random networks equal the target loop spike for spike`, async () => {
      let saturations = 0;
      let spikesSeen = 0;
      for (let seed = 1; seed <= 24; seed++) {
        const net = randomNetwork(seed * 7919 + (spikes ? 1 : 0), cell, spikes);
        const q = quantiseNetwork(net, 256);
        // Every fourth network gets heavy 16-bit weights so that ring entries saturate.
        const heavy = rng(seed);
        if (seed % 4 === 0) {
          for (const p of q.fixed.projections)
            p.w16.forEach((_, k) => (p.w16[k] = heavy() * 0xffff));
        }
        const stims = randomStimuli(q.network, seed, 6);
        const oracle = runOracle(q.network, q.fixed, stims);
        const frames = framesFromStimuli(q.network, stims);
        const run = await runFramesOnCore(q.network, q.fixed, frames, true, { workers: 1 });
        const what = `${cell} ${mode} seed ${seed}`;
        assert.deepEqual(coreKeys(run), oracle.spikes, `${what}: spikes`);
        const outs = Int32Array.from(oracle.outs.flatMap((o) => Array.from(o)));
        assert.deepEqual(run.result.outputCounts, outs, `${what}: outputs`);
        assertTotalsEqual(totalsOf(q.network, run, frames), oracle.totals, what);
        saturations += oracle.totals.saturations.reduce((a, s) => a + s[0]! + s[1]!, 0);
        spikesSeen += oracle.spikes.length;
      }
      assert.ok(saturations > 0, 'some ring entries saturated');
      assert.ok(spikesSeen > 100, `spikes ${spikesSeen}`);
    });
  }
}

async function fixture(name: string): Promise<EncodedSet> {
  const x = decodeNpy(await readFile(`${FIXTURES}${name}.inputs.npy`));
  const y = decodeNpy(await readFile(`${FIXTURES}${name}.labels.npy`));
  const [n, steps, channels] = x.shape as [number, number, number];
  return { n, steps, channels, data: x.data as Float32Array, labels: y.data as Uint8Array };
}

const SETTINGS: Array<Record<string, string | number>> = [
  { cell: 'IF_curr_delta' },
  { cell: 'IF_curr_exp', delay: 3 },
  { cell: 'IF_curr_delta', inputMode: 'spikes', delay: 2 },
];

for (const name of ['dissipative-zero', 'expansive-zero']) {
  for (const options of SETTINGS) {
    const label = Object.entries(options)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    test(`${name} (${label}), 200 inputs: core equals the target loop`, async () => {
      const model = await loadModel(`${FIXTURES}${name}.nirpb`);
      const all = await fixture(name);
      const inputs = { ...all, n: 200 };
      const prep = prepare(model, options, inputs);
      const oracle = runFixedNetwork(prep, inputs, true);
      const core = await runOnCore(prep, inputs, true, { workers: 2 });
      assert.ok(ticksPerInference(core.net) > inputs.steps, 'the pipeline adds ticks');
      assert.deepEqual(core.outputCounts, oracle.outputCounts);
      assertTotalsEqual(core.totals, oracle.totals, name);
      const key = (s: { sample: number; step: number; layer: string; neuron: number }) =>
        `${s.sample},${s.step},${s.layer},${s.neuron}`;
      assert.deepEqual(core.spikes.map(key).sort(), oracle.spikes.map(key).sort());
      assert.ok(oracle.spikes.length > 1000, `spikes ${oracle.spikes.length}`);
    });
  }
}
