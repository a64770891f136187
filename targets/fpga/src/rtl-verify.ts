// `dynalign verify MODEL --target fpga --rtl`: build the design with Verilator, run the inputs
// through it and through the emulator, and compare every layer's spikes and every step's cycles.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IrModel } from '../../../src/ir/model.js';
import type { EncodedSet } from '../../../src/encoding/encoder.js';
import { accuracyOf, argmaxRows, type EmulationResult } from '../../../src/emulator/result.js';
import { compileFpga } from './compile.js';
import { runCore } from './core.js';
import { inputsFile } from './inputs-file.js';
import { INPUT_MAX, quantizeInputs } from './input-scale.js';
import { DynalignError } from '../../../src/util/errors.js';
import { mulberry32 } from '../../../src/util/random.js';
import { prepare, type TargetOptions } from './prepare.js';
import { compareStep, parseTrace } from './rtl-compare.js';
import { buildHarness, runHarness } from './verilator.js';
import { runIcarus } from './icarus.js';
import type { FpgaProgram } from './quantize.js';

export interface RtlVerifyOptions {
  options?: TargetOptions;
  /** Keep the build folder here instead of a temporary one. */
  workDir?: string;
  onProgress?: (line: string) => void;
}

// Steps of a random input sequence when the model names no encoder (the paper's 5 steps).
const DEFAULT_STEPS = 5;
// Seed of the random input sequences, so that a failing check can be re-run.
export const RANDOM_SEED = 20250811;

/** Run the check; the result's `check` says whether RTL and emulator agreed. */
export async function verifyRtl(
  model: IrModel,
  given: EncodedSet | number,
  o: RtlVerifyOptions = {},
): Promise<EmulationResult> {
  const { prog } = prepare(model, o.options);
  const steps = model.encoder?.numSteps ?? DEFAULT_STEPS;
  const inputs =
    typeof given === 'number' ? randomInputs(prog.inputScale, given, steps, RANDOM_SEED) : given;
  const work = o.workDir ?? (await mkdtemp(join(tmpdir(), 'dynalign-rtl-')));
  const design = join(work, 'design');
  try {
    // Generate the design (no synthesis), then simulate it with Verilator or Icarus.
    await compileFpga(model, { outDir: design, options: { ...o.options, noSynth: true } });
    const codes = quantizeInputs(inputs, prog.inputScale);
    const simulator = pickSimulator(o.options?.simulator);
    const sim = await simulate(simulator, design, prog, codes, inputs, o.onProgress);
    const rtl = parseTrace(await readFile(join(design, 'trace.txt'), 'utf8'));

    // The emulator, compared step by step; the first difference is kept.
    const names = prog.layers.map((l) => l.name);
    let first: string | undefined;
    let compared = 0;
    const run = runCore(prog, codes, inputs.n, inputs.steps, (t) => {
      compared++;
      first ??= compareStep(t, rtl.steps.get(`${t.input}/${t.step}`), names);
    });
    first ??= compareTotals(run, rtl.totals);
    const predictions = argmaxRows(
      run.outputCounts,
      inputs.n,
      prog.layers[prog.layers.length - 1]!.nOut,
    );
    const summary = first
      ? `RTL and emulator differ: ${first}`
      : `RTL and emulator agree on every spike of every layer and every cycle count: ` +
        `${inputs.n} inputs × ${inputs.steps} steps, ${run.cycles} cycles`;
    return {
      target: 'fpga',
      n: inputs.n,
      steps: inputs.steps,
      predictions,
      outputCounts: run.outputCounts,
      ...(inputs.labels ? { accuracy: accuracyOf(predictions, inputs.labels) } : {}),
      perLayer: run.perLayer,
      cycles: run.cycles,
      check: { passed: first === undefined, summary, ...(first ? { firstDifference: first } : {}) },
      extra: {
        simulator,
        stepsCompared: compared,
        buildS: sim.buildSeconds,
        simulationS: sim.seconds,
        simulatedCycles: sim.ticks,
        cyclesPerS: sim.seconds > 0 ? sim.ticks / sim.seconds : 0,
        ...(o.workDir ? { workDir: work } : {}),
      },
    };
  } finally {
    if (!o.workDir) await rm(work, { recursive: true, force: true });
  }
}

const SIMULATORS = ['verilator', 'icarus'] as const;

/** --simulator verilator (default) or icarus. */
function pickSimulator(v: string | number | boolean | undefined): 'verilator' | 'icarus' {
  if (v === undefined) return 'verilator';
  if (v === 'verilator' || v === 'icarus') return v;
  throw new DynalignError('E_USAGE', 'unknown simulator', {
    field: '--simulator',
    value: v,
    fix: `use one of ${SIMULATORS.join(', ')}`,
  });
}

/** Run the codes through the design with one simulator; trace.txt is written in `design`. */
async function simulate(
  simulator: 'verilator' | 'icarus',
  design: string,
  prog: FpgaProgram,
  codes: Int8Array,
  inputs: EncodedSet,
  onProgress?: (line: string) => void,
): Promise<{ seconds: number; ticks: number; buildSeconds: number }> {
  if (simulator === 'icarus') {
    onProgress?.(`icarus: compiling and running ${inputs.n} inputs in ${design}`);
    return runIcarus(design, prog, codes, inputs.n, inputs.steps);
  }
  onProgress?.(`verilator: building ${design}`);
  const build = await buildHarness(design);
  const file = join(design, 'inputs.bin');
  await writeFile(file, inputsFile(codes, inputs.n, inputs.steps, inputs.channels));
  onProgress?.(`verilator: built in ${build.seconds.toFixed(1)} s; running ${inputs.n} inputs`);
  const sim = await runHarness(build.exe, design, file, join(design, 'trace.txt'));
  return { ...sim, buildSeconds: build.seconds };
}

/** n random sequences of frames whose codes cover the whole input range (−127 … 127). */
export function randomInputs(
  scale: Float64Array,
  n: number,
  steps: number,
  seed: number,
): EncodedSet {
  const rnd = mulberry32(seed);
  const channels = scale.length;
  const data = new Float32Array(n * steps * channels);
  for (let i = 0; i < data.length; i++) {
    const code = rnd() < 0.1 ? 0 : Math.round((rnd() * 2 - 1) * INPUT_MAX);
    data[i] = code * scale[i % channels]!;
  }
  return { n, steps, channels, data };
}

function compareTotals(
  run: ReturnType<typeof runCore>,
  t: ReturnType<typeof parseTrace>['totals'],
): string | undefined {
  if (!t) return 'the RTL harness printed no counter totals';
  const synops = run.perLayer.reduce((a, l) => a + l.synops, 0);
  const macs = run.perLayer.reduce((a, l) => a + l.macs, 0);
  const spikes = run.perLayer.reduce((a, l) => a + l.spikes, 0);
  const pairs: Array<[string, number, number]> = [
    ['CYCLES_TOTAL', run.cycles, t.cycles],
    ['SYNOPS', synops, t.synops],
    ['MACS', macs, t.macs],
    ['SPIKES', spikes, t.spikes],
  ];
  for (const [name, emu, rtl] of pairs) {
    if (emu % 2 ** 32 !== rtl) return `counter ${name}: emulator ${emu}, RTL ${rtl}`;
  }
  return undefined;
}
