// `dynalign emulate MODEL.nir --target loihi --convention nir-lava-example --input IN.csv
// [--trace OUT.csv] [--expect LAVA.csv] [--dt 1e-4]`: the NIR paper's Lava run, step by step.
import type { IrModel } from '../../src/ir/model.js';
import type { EmulationResult, LayerCounts } from '../../src/emulator/result.js';
import { argmaxRows } from '../../src/emulator/result.js';
import { writeFileAtomic } from '../../src/util/atomic.js';
import { DynalignError } from '../../src/util/errors.js';
import { convertNirLavaExample, NIR_EXAMPLE_DT } from './nir-lava-example.js';
import { Simulator } from './simulate.js';
import { formatTraceRow, readCsvRows } from './trace-csv.js';

type Options = Record<string, string | number | boolean>;

/** Run the CSV's input column(s) through the converted network; write and check the trace. */
export async function emulateNirExample(
  model: IrModel,
  options: Options,
): Promise<EmulationResult> {
  const input = options.input;
  if (typeof input !== 'string') {
    throw new DynalignError('E_USAGE', 'the nir-lava-example convention needs an input spike CSV', {
      field: '--input',
      fix: 'pass --input FILE.csv (first column(s): input spikes, one row per step)',
    });
  }
  const dt = options.dt === undefined ? NIR_EXAMPLE_DT : Number(options.dt);
  if (!(dt > 0))
    throw new DynalignError('E_USAGE', 'dt must be positive', {
      field: '--dt',
      value: options.dt,
      fix: 'e.g. --dt 1e-4',
    });
  const net = convertNirLavaExample(model, dt);
  const rows = await readCsvRows(input, net.nInputs);
  const sim = new Simulator(net);
  const last = net.layers.length - 1;

  // Lava step t sends row t of the raster; the trace row holds the input, v after the step, s.
  const lines: string[] = [];
  const traceV: number[][] = [];
  const traceS: number[][] = [];
  rows.forEach((row, i) => {
    const spikes = row.slice(0, net.nInputs).map((x) => (x !== 0 ? 1 : 0));
    sim.step(i + 1, spikes);
    traceV.push(Array.from(sim.state[last]!.v));
    traceS.push(Array.from(sim.spikes[last]!));
    lines.push(formatTraceRow(row.slice(0, net.nInputs), traceV[i]!, traceS[i]!));
  });
  if (typeof options.trace === 'string')
    await writeFileAtomic(options.trace, lines.join('\n') + '\n');
  const check =
    typeof options.expect === 'string'
      ? await compareTrace(options.expect, net.nInputs, traceV, traceS)
      : undefined;

  const perLayer: LayerCounts[] = net.layers.map((l, k) => {
    const c = sim.counts[k]!;
    return {
      name: l.name,
      neurons: l.n,
      spikes: c.spikes,
      synops: c.synops,
      macs: c.macs,
      neuronUpdates: c.neuronUpdates,
      weightReads: c.synops,
    };
  });
  const outputCounts = Int32Array.from(sim.counts[last]!.perNeuron);
  const params = net.layers.map((l, k) => ({
    name: l.name,
    du: l.du,
    dv: l.dv,
    vth: l.vth,
    weights: Array.from(net.connections[k]!.weights),
  }));
  return {
    target: 'loihi',
    n: 1,
    steps: rows.length,
    predictions: argmaxRows(outputCounts, 1, outputCounts.length),
    outputCounts,
    perLayer,
    ...(check ? { check } : {}),
    extra: {
      convention: 'nir-lava-example',
      dt,
      params,
      ...(typeof options.trace === 'string' ? { trace: options.trace } : {}),
    },
  };
}

/** Compare our voltage and spike columns with a recorded trace, to the first differing step. */
async function compareTrace(
  path: string,
  nIn: number,
  v: number[][],
  s: number[][],
): Promise<EmulationResult['check']> {
  const nOut = v[0]?.length ?? 0;
  const rows = await readCsvRows(path, nIn + 2 * nOut);
  if (rows.length !== v.length) {
    return {
      passed: false,
      summary: `${path} has ${rows.length} steps, the run ${v.length}`,
      firstDifference: `step ${Math.min(rows.length, v.length) + 1}`,
    };
  }
  for (let t = 0; t < rows.length; t++) {
    for (let i = 0; i < nOut; i++) {
      const [wantV, wantS] = [rows[t]![nIn + i]!, rows[t]![nIn + nOut + i]!];
      if (wantV !== v[t]![i] || wantS !== s[t]![i]) {
        const ours = `v ${v[t]![i]} spike ${s[t]![i]}`;
        const theirs = `${path} has v ${wantV} spike ${wantS}`;
        const firstDifference = `step ${t + 1}, neuron ${i}: ${ours}, ${theirs}`;
        return { passed: false, summary: `differs from ${path}`, firstDifference };
      }
    }
  }
  return { passed: true, summary: `all ${rows.length} steps equal ${path} (voltage and spikes)` };
}
