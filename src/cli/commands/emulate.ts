// `dynalign emulate MODEL --target T`: run inputs through a numeric profile (int, float) or a
// target's bit-exact model, and print accuracy and the operation counts energy is made of.
import type { Command } from 'commander';
import { loadValidModel } from '../../io/model-file.js';
import type { IrModel } from '../../ir/model.js';
import { spacedSubset } from '../../encoding/subset.js';
import { loadTarget, TARGET_NAMES } from '../../targets/registry.js';
import type { TargetAdapter } from '../../targets/adapter.js';
import { perInference, type EmulationResult } from '../../emulator/result.js';
import { emulateModel, type EmulationRun } from '../../emulator/emulate.js';
import { compareRuns, type Agreement } from '../../emulator/agreement.js';
import { fileSha256, loadRunInputs, writeSpikeCsv, writeTraceCsv } from '../../emulator/io.js';
import { quantizeModel } from '../../quantize/quantize-model.js';
import { modelProfileSpec, resolveProfile } from '../../quantize/resolve.js';
import type { NumericProfile } from '../../quantize/profile.js';
import { CheckFailedError, DynalignError } from '../../util/errors.js';
import { emit, log } from '../output.js';
import {
  checkFlags,
  checkProfileOptions,
  checkTargetFlags,
  checkTraceLayers,
  type EmulateFlags,
  type RunSettings,
} from '../emulate-options.js';
import { parsePassThrough } from '../pass-through.js';

type Options = Record<string, string | number | boolean>;

/** Register `dynalign emulate`. */
export function register(program: Command): void {
  program
    .command('emulate')
    .description(
      'emulate a model on a numeric profile (int, float) or a target (loihi, spinnaker, fpga)',
    )
    .argument(
      '[model]',
      'model file (.nirpb, .nir, .json); optional for target-only runs such as --golden',
    )
    .requiredOption('-t, --target <name>', 'int | float | loihi | spinnaker | fpga')
    .option('--dataset <name>', "mnist-test (or mnist-train), encoded with the model's own encoder")
    .option('--input <file>', 'encoded inputs: .dynenc[:set], .npy, .json or .csv')
    .option('--limit <n>', 'run n inputs evenly spaced over the set (splits are class-ordered)')
    .option('--record <file>', 'write every spike as CSV: sample, step, layer, neuron')
    .option('--trace <file>', 'write membrane traces as CSV (int and float, with --trace-layer)')
    .option('--trace-layer <name...>', 'layers to trace (int and float profiles)')
    .option('--trace-samples <n>', 'inputs to trace (default 1)')
    .option('--workers <n>', 'worker threads for int and float profiles (default: all cores)')
    .option('--quantize', 'quantise a float model for the profile on the fly')
    .option('--agreement', 'int: also run the float model and report how closely int follows it')
    .option('--json', 'print one JSON object')
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .helpOption(
      '-h, --help',
      'int options: --weight-bits 8 --state-bits 16 --input-bits 8 ...; ' +
        'target options pass through',
    )
    .action(async (first: string | undefined, flags: EmulateFlags, cmd: Command) => {
      // Commander binds the first leftover word to MODEL, even a target option such as --golden.
      const modelPath = first?.startsWith('-') ? undefined : first;
      const extra = cmd.args.slice(modelPath === undefined ? 0 : 1);
      const passed = parsePassThrough(extra);
      const options: Options = { ...passed, ...declared(flags) };
      // The target or profile name first, then every other option, then the slow work.
      const isTarget = (TARGET_NAMES as readonly string[]).includes(flags.target);
      const profile = isTarget ? undefined : await resolveProfile(flags.target, options);
      const settings = checkFlags(flags, isTarget);
      if (profile) checkProfileOptions(flags.target, passed, flags.agreement === true);
      const adapter = profile ? undefined : await loadTarget(flags.target);
      if (adapter) checkTargetFlags(adapter, flags, options, modelPath !== undefined);
      const result = adapter
        ? await runTarget(modelPath, flags, options, settings, adapter)
        : await runProfile(modelPath, flags, profile!, settings);
      emit(flags.json === true, summary(result.result, result.extra), () =>
        text(result.result, result.extra),
      );
      const check = result.result.check;
      if (check && !check.passed) {
        throw new CheckFailedError('E_CHECK_FAILED', check.summary, {
          field: flags.target,
          value: check.firstDifference,
        });
      }
    });
}

/** The declared flags a target adapter may also want, as pass-through strings. */
function declared(flags: EmulateFlags): Options {
  const out: Options = {};
  for (const k of ['input', 'trace', 'record', 'limit', 'dataset', 'workers'] as const)
    if (flags[k] !== undefined) out[k] = flags[k]!;
  return out;
}

async function runTarget(
  path: string | undefined,
  flags: EmulateFlags,
  options: Options,
  settings: RunSettings,
  adapter: TargetAdapter,
) {
  if (path === undefined) {
    if (!adapter.emulateStandalone) {
      throw new DynalignError('E_USAGE', 'a model file is required for this target', {
        field: 'MODEL',
        fix: `dynalign emulate MODEL --target ${flags.target} --dataset mnist-test`,
      });
    }
    return { result: await adapter.emulateStandalone(options), extra: {} };
  }
  const model = await loadValidModel(path);
  // A target may take its inputs from its own options (--golden): then it gets an empty set.
  const none = flags.input === undefined && flags.dataset === undefined;
  const inputs = none
    ? { n: 0, steps: 0, channels: 0, data: new Float32Array(0) }
    : spacedSubset(await loadRunInputs(model, flags.input, flags.dataset, log), settings.limit);
  return { result: await adapter.emulate(model, inputs, { options }), extra: {} };
}

async function runProfile(
  path: string | undefined,
  flags: EmulateFlags,
  profile: NumericProfile,
  settings: RunSettings,
) {
  if (path === undefined) {
    throw new DynalignError('E_USAGE', 'a model file is required', {
      field: 'MODEL',
      fix: 'dynalign emulate MODEL --target int',
    });
  }
  // Everything that depends on the model alone is checked before the (slow) data load.
  const source = await loadValidModel(path);
  const model =
    profile.kind === 'integer'
      ? ensureQuantised(source, profile, path, flags.quantize === true)
      : source;
  checkTraceLayers(model, profile, flags.traceLayer ?? []);
  const inputs = spacedSubset(
    await loadRunInputs(model, flags.input, flags.dataset, log),
    settings.limit,
  );
  const workers = settings.workers;
  const run = await emulateModel(model, inputs, profile, {
    workers,
    recordSpikes: flags.record !== undefined,
    traceNames: flags.traceLayer ?? [],
    traceSamples: settings.traceSamples,
  });
  await writeRecords(run, flags, path, inputs.steps);
  const extra: Record<string, unknown> = {
    wallSeconds: run.wallSeconds,
    workers,
    profile: profile.id,
  };
  if (flags.agreement && profile.kind === 'integer') {
    extra.agreement = (await compareRuns(source, model, profile, inputs, { workers })).agreement;
  }
  return { result: run.result, extra };
}

/** A model must carry this profile's integers, unless --quantize asks to make them now. */
function ensureQuantised(
  model: IrModel,
  profile: NumericProfile,
  path: string,
  quantize: boolean,
): IrModel {
  const spec = modelProfileSpec(model);
  const stored = (spec as { id?: string } | undefined)?.id;
  if (stored === profile.id) return model;
  if (quantize) return quantizeModel(model, profile).model;
  throw new DynalignError('E_NOT_QUANTIZED', `model is not quantised for profile ${profile.id}`, {
    file: path,
    value: stored ?? 'float only',
    fix:
      `run \`dynalign quantize ${path} --target ${profile.name} --out Q.nirpb\`, ` +
      'or add --quantize',
  });
}

async function writeRecords(
  run: EmulationRun,
  flags: EmulateFlags,
  path: string,
  steps: number,
): Promise<void> {
  if (flags.record === undefined && flags.trace === undefined) return;
  const sha = await fileSha256(path);
  const names = run.plan.layers.map((l) => l.name);
  if (flags.record !== undefined && run.chunk.spikes)
    await writeSpikeCsv(flags.record, run.chunk.spikes, names, sha);
  if (flags.trace !== undefined) {
    if (!run.chunk.traces?.length) {
      throw new DynalignError('E_USAGE', '--trace needs --trace-layer', {
        field: '--trace-layer',
        fix: `layers: ${names.join(', ')}`,
      });
    }
    await writeTraceCsv(flags.trace, run.chunk.traces, run.plan.layers, steps, sha);
  }
}

function summary(r: EmulationResult, extra: Record<string, unknown>): Record<string, unknown> {
  const synops = r.perLayer.reduce((a, l) => a + l.synops + l.macs, 0);
  const wall = extra.wallSeconds as number | undefined;
  const out: Record<string, unknown> = {
    target: r.target,
    n: r.n,
    steps: r.steps,
    accuracy: r.accuracy ?? null,
    silentOutputs: countSilentOutputs(r.outputCounts, r.n),
    perInference: perInference(r),
    perLayer: r.perLayer,
  };
  if (wall) out.synapticEventsPerSecond = synops / wall;
  if (r.cycles !== undefined) out.cycles = r.cycles;
  if (r.check) out.check = r.check;
  if (r.extra) out.extra = r.extra;
  return { ...out, ...extra };
}

function text(r: EmulationResult, extra: Record<string, unknown>): string {
  const p = perInference(r);
  const acc = r.accuracy === undefined ? 'n/a' : `${(100 * r.accuracy).toFixed(2)} %`;
  const cycles = p.cycles === undefined ? '' : `, ${p.cycles.toFixed(0)} cycles`;
  const perStep = (x: number, d = 0) => x.toFixed(d);
  const silent = countSilentOutputs(r.outputCounts, r.n);
  const lines = [
    `${r.target}: ${r.n} inputs × ${r.steps} steps, accuracy ${acc}, ` +
      `${silent} silent output(s) (no output spike; argmax ties go to class 0)`,
    `per inference: ${perStep(p.spikes, 1)} spikes, ${perStep(p.synops)} synops, ` +
      `${perStep(p.macs)} MACs, ${perStep(p.neuronUpdates)} neuron updates${cycles}`,
    'layer            neurons   spikes/inf    synops/inf      MACs/inf',
    ...r.perLayer.map((l) =>
      [
        l.name.padEnd(16),
        String(l.neurons).padStart(7),
        (l.spikes / r.n).toFixed(1).padStart(12),
        (l.synops / r.n).toFixed(0).padStart(13),
        (l.macs / r.n).toFixed(0).padStart(13),
      ].join(' '),
    ),
  ];
  const a = extra.agreement as Agreement | undefined;
  if (a) {
    lines.push(
      `agreement with float: ${(100 * a.classification).toFixed(2)} % of predictions, ` +
        `${a.identical}/${a.n} inputs spike-identical; ` +
        `first divergence by step: ${a.firstDivergence.join(' ')}`,
      ...a.layers.map((l) => `  ${l.name}: spike-count correlation ${l.correlation.toFixed(4)}`),
    );
  }
  lines.push(...floatLines(r));
  if (r.check) lines.push(`check: ${r.check.passed ? 'passed' : 'FAILED'}: ${r.check.summary}`);
  return lines.join('\n');
}

/** Inferences whose output layer fired no spike at all (their argmax is a tie at class 0). */
export function countSilentOutputs(outputCounts: Int32Array, n: number): number {
  const classes = n === 0 ? 0 : outputCounts.length / n;
  let silent = 0;
  for (let i = 0; i < n; i++) {
    if (outputCounts.subarray(i * classes, (i + 1) * classes).every((c) => c === 0)) silent++;
  }
  return silent;
}

/** The float-model comparison a target computes itself (Loihi: extra.accuracy), as text. */
function floatLines(r: EmulationResult): string[] {
  const a = (r.extra?.accuracy ?? {}) as Record<string, number | undefined>;
  if (a.agreementWithFloatModel === undefined) return [];
  const pct = (x: number | undefined) => (x === undefined ? 'n/a' : `${(100 * x).toFixed(2)} %`);
  return [
    `float model: accuracy ${pct(a.floatModel)} (own reset), ${pct(a.floatResetZero)} ` +
      `(reset to zero); agreement with float: ${pct(a.agreementWithFloatModel)} of predictions`,
  ];
}
