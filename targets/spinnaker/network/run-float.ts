// The float reference of a compiled network (same populations, weights, delays and drive as the
// PyNN script), used to judge simulator dry runs of run_pynn.py.
import type { EncodedSet } from '../../../src/encoding/encoder.js';
import type { Prepared } from '../prepare.js';
import { stimulusOf } from '../mapping/stimulus.js';
import { FloatPopulationEngine } from './population-float.js';
import { buildRows, emptyTotals, runInference } from './run.js';
import type { SpikeRecord } from './spike-csv.js';

/** Spikes of every inference in dynalign's spike format. */
export function runFloatNetwork(prep: Prepared, inputs: EncodedSet): SpikeRecord[] {
  const net = { ...prep.quantised.network, steps: inputs.steps };
  const engines = net.populations.map(
    (pop, p) => new FloatPopulationEngine(pop, net.timestepMs, prep.quantised.rings[p]!.slots),
  );
  const rows = buildRows(net, prep.quantised.fixed);
  const totals = emptyTotals(net);
  const spikes: SpikeRecord[] = [];
  const first = prep.mapped.firstOnChip;
  const names = prep.mapped.chain.layers.map((l) => l.neuronName);
  const sink = (sample: number, tick: number, p: number, neuron: number) => {
    const lag = p < 0 ? 0 : net.populations[p]!.lag;
    spikes.push({ sample, step: tick - lag, layer: names[p + first]!, neuron });
  };
  for (let i = 0; i < inputs.n; i++) {
    runInference(net, engines, rows, stimulusOf(prep.mapped, inputs, i), totals, {
      sample: i,
      sink,
    });
  }
  return spikes;
}
