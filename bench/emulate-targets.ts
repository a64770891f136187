// `npm run bench -- emulate-targets`: the fpga and Loihi profiles on the shared emulator core,
// wall time over 1 and 2 workers, against each target's own loop on the same integers (the
// oracle the core is tested against). Network: the 21 → 500 → 500 → 500 → 10 zero-reset demo
// network shipped with the SpiNNaker fixtures, its 500 encoded test inputs.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { EncodedSet } from '../src/encoding/encoder.js';
import { loadModel } from '../src/io/model-file.js';
import { runOnCore } from '../targets/fpga/core-run.js';
import { runCore } from '../targets/fpga/src/core.js';
import { quantizeInputs } from '../targets/fpga/src/input-scale.js';
import { prepare } from '../targets/fpga/src/prepare.js';
import { quantiseWithOptions, stepsOf } from '../targets/loihi/compile.js';
import { emulateOnCore } from '../targets/loihi/core-run.js';
import { emulateQuantised } from '../targets/loihi/emulate-model.js';
import { decodeNpy } from '../targets/loihi/npy.js';
import { parseLoihiOptions } from '../targets/loihi/options.js';

const DIR = fileURLToPath(new URL('../targets/spinnaker/fixtures/', import.meta.url));
const NAME = 'expansive-zero';

function seconds<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, (performance.now() - t0) / 1000];
}

function line(what: string, s: number, events: number): void {
  const rate = events / s / 1e6;
  process.stdout.write(`  ${what}: ${s.toFixed(2)} s wall, ${rate.toFixed(1)} M events/s\n`);
}

export async function run(): Promise<void> {
  const model = await loadModel(`${DIR}${NAME}.nirpb`);
  const x = decodeNpy(readFileSync(`${DIR}${NAME}.inputs.npy`));
  const [n, steps, channels] = x.shape as [number, number, number];
  const set: EncodedSet = { n, steps, channels, data: x.data as Float32Array };
  const load = loadavg().map((l) => l.toFixed(1));
  process.stdout.write(`${NAME}: ${n} inputs × ${steps} steps; load average ${load.join(' ')}\n`);

  // fpga: the cycle-exact loop, then the core on 1 and 2 workers.
  const { prog } = prepare(model, { part: 'generic' });
  const codes = quantizeInputs(set, prog.inputScale);
  const [own, ownS] = seconds(() => runCore(prog, codes, n, steps));
  const events = own.perLayer.reduce((a, l) => a + l.synops + l.macs, 0);
  process.stdout.write(`fpga (${events.toExponential(3)} synaptic events)\n`);
  line('own loop (runCore)', ownS, events);
  for (const workers of [1, 2]) {
    const r = await runOnCore(prog, codes, n, steps, { workers });
    const same = r.result.cycles === own.cycles;
    line(`core, ${workers} worker(s), cycles equal ${same}`, r.wallSeconds, events);
  }

  // Loihi: the pipelined Simulator, then the core on 1 and 2 workers.
  const o = parseLoihiOptions({});
  const q = quantiseWithOptions(model, o, stepsOf(model, o, steps));
  const [sim, simS] = seconds(() => emulateQuantised(q, set));
  const lev = sim.result.perLayer.reduce((a, l) => a + l.synops + l.macs, 0);
  process.stdout.write(`loihi (${lev.toExponential(3)} synaptic events)\n`);
  line('own loop (Simulator)', simS, lev);
  for (const workers of [1, 2]) {
    const r = await emulateOnCore(q, set, { workers });
    const same =
      JSON.stringify(Array.from(r.result.outputCounts)) ===
      JSON.stringify(Array.from(sim.result.outputCounts));
    line(`core, ${workers} worker(s), outputs equal ${same}`, r.run.wallSeconds, lev);
  }
}
