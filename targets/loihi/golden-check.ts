// Run a golden-vector file through the simulator and stop at the first value that differs from
// Lava's: effective weights first, then per step and layer each neuron's spike, u and v, then
// the final u and v.
import type { EmulationResult, LayerCounts } from '../../src/emulator/result.js';
import { argmaxRows } from '../../src/emulator/result.js';
import type { GoldenFile } from './golden-file.js';
import { Simulator } from './simulate.js';

/** Where a run first left Lava's values, in words, or undefined when none did. */
export type Difference = string | undefined;

/** Compare the simulator against every recorded value of a golden file. */
export function checkGolden(g: GoldenFile): EmulationResult {
  const sim = new Simulator(g.net);
  let compared = 0;
  let diff: Difference = checkEffective(g, sim);

  // Initial state, then the steps.
  g.net.layers.forEach((l, k) => {
    sim.state[k]!.u.set(g.init[l.name]!.u);
    sim.state[k]!.v.set(g.init[l.name]!.v);
  });
  for (let t = 1; t <= g.steps && diff === undefined; t++) {
    sim.step(t, g.input[t - 1]!);
    for (let k = 0; k < g.net.layers.length && diff === undefined; k++) {
      const l = g.net.layers[k]!;
      const o = g.outputs;
      const rows: Array<[string, number[] | undefined, ArrayLike<number>]> = [
        ['spike', o.spikes[l.name]![t - 1], sim.spikes[k]!],
        ['u', o.u?.[l.name]![t - 1], sim.state[k]!.u],
        ['v', o.v?.[l.name]![t - 1], sim.state[k]!.v],
      ];
      for (const [what, want, got] of rows) {
        if (want === undefined) continue;
        compared += want.length;
        const i = want.findIndex((x, j) => x !== got[j]);
        if (i >= 0 && diff === undefined) {
          const where = `step ${t}, layer ${l.name}, neuron ${i}`;
          diff = `${where}: ${what} is ${got[i]}, Lava's is ${want[i]}`;
        }
      }
    }
  }
  diff ??= checkFinal(g, sim);
  return toResult(g, sim, compared, diff);
}

function checkEffective(g: GoldenFile, sim: Simulator): Difference {
  for (const c of sim.conns) {
    const want = g.outputs.effective[c.conn.name];
    if (!want) continue;
    const flat = want.flat();
    const i = flat.findIndex((x, j) => x !== c.dense.weights[j]);
    if (i >= 0) {
      const [r, col] = [Math.floor(i / c.dense.nPre), i % c.dense.nPre];
      const where = `connection ${c.conn.name}, weight [${r}][${col}]`;
      return `${where}: effective ${c.dense.weights[i]}, Lava's is ${flat[i]}`;
    }
  }
  return undefined;
}

function checkFinal(g: GoldenFile, sim: Simulator): Difference {
  for (const [k, l] of g.net.layers.entries()) {
    for (const [what, want, got] of [
      ['u', g.outputs.finalU?.[l.name], sim.state[k]!.u],
      ['v', g.outputs.finalV?.[l.name], sim.state[k]!.v],
    ] as const) {
      const i = want ? want.findIndex((x, j) => x !== got[j]) : -1;
      if (i < 0) continue;
      const where = `after step ${g.steps}, layer ${l.name}, neuron ${i}`;
      return `${where}: final ${what} is ${got[i]}, Lava's is ${want![i]}`;
    }
  }
  return undefined;
}

function toResult(
  g: GoldenFile,
  sim: Simulator,
  compared: number,
  diff: Difference,
): EmulationResult {
  const last = g.net.layers.length - 1;
  const outputCounts = Int32Array.from(sim.counts[last]!.perNeuron);
  const perLayer: LayerCounts[] = g.net.layers.map((l, k) => {
    const c = sim.counts[k]!;
    const reads = c.synops + c.macs;
    return {
      name: l.name,
      neurons: l.n,
      spikes: c.spikes,
      synops: c.synops,
      macs: c.macs,
      neuronUpdates: c.neuronUpdates,
      weightReads: reads,
    };
  });
  const passed = diff === undefined;
  const summary = passed
    ? `${g.name}: ${g.steps} steps, ${compared} values equal to Lava's`
    : `${g.name}: differs from Lava at ${diff}`;
  return {
    target: 'loihi',
    n: 1,
    steps: g.steps,
    predictions: argmaxRows(outputCounts, 1, outputCounts.length),
    outputCounts,
    perLayer,
    check: { passed, summary, ...(passed ? {} : { firstDifference: diff }) },
    extra: { golden: g.name, valuesCompared: compared },
  };
}
