// `npm run bench -- spinnaker`: synaptic events per second of the bit-exact sPyNNaker emulation
// on the paper's 21 → 500 → 500 → 500 → 10 shape, and what mapping and quantisation cost.
import { prepare } from '../targets/spinnaker/prepare.js';
import { runFixedNetwork } from '../targets/spinnaker/emulate.js';
import { makeChainModel, makeInputs } from '../test/targets/spinnaker/models.js';

// Inputs per run: enough for a stable rate, few enough to stay well under a minute.
const N = 200;

/** Print one line per measurement. */
export async function run(): Promise<void> {
  const model = makeChainModel(500, 'zero', 7, [0.5, 0.08, 0.08]);
  const inputs = makeInputs(N, 3);
  const t0 = performance.now();
  const prep = prepare(model);
  const t1 = performance.now();
  const r = runFixedNetwork(prep, inputs, false);
  const t2 = performance.now();
  const synops = r.totals.synops.reduce((a, b) => a + b, 0);
  const spikes = r.totals.spikes.reduce((a, b) => a + b, 0);
  const seconds = (t2 - t1) / 1000;
  process.stdout.write(`map + quantise + place: ${(t1 - t0).toFixed(0)} ms\n`);
  process.stdout.write(
    `emulate ${N} inferences: ${seconds.toFixed(2)} s, ${(spikes / N).toFixed(0)} spikes and ` +
      `${(synops / N).toFixed(0)} synaptic events per inference\n`,
  );
  process.stdout.write(`synaptic events per second: ${(synops / seconds / 1e6).toFixed(1)} M\n`);
  process.stdout.write(`inferences per second: ${(N / seconds).toFixed(1)}\n`);
}
