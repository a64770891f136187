// `dynalign ir inspect|validate|convert`: look into a model file (.nir, .nirpb, .json), check it,
// and convert between the three formats, recording what NIR leaves unsaid.
import type { Command } from 'commander';
import type { Discretisation, IrModel } from '../../ir/model.js';
import type { IrProblem } from '../../ir/errors.js';
import { describeModel, type ModelSummary } from '../../ir/describe.js';
import { validateModel } from '../../ir/infer.js';
import {
  type LoadedModel, formatOf, loadModelWithNotes, saveModel,
} from '../../io/model-file.js';
import { CheckFailedError, DynalignError } from '../../util/errors.js';
import { emit, log, parseNumber } from '../output.js';

interface ConvertOptions {
  dt?: string;
  integrator?: string;
  reset?: string;
  spikes?: string;
  json?: boolean;
}

/** Register `dynalign ir inspect|validate|convert`. */
export function register(program: Command): void {
  const ir = program.command('ir').description('inspect, validate and convert model files ' +
    '(.nir NIR/HDF5, .nirpb protobuf, .json)');

  ir.command('inspect')
    .description('nodes, shapes, parameter counts, and what NIR leaves unsaid')
    .argument('<file>', 'model file (.nir, .nirpb or .json)')
    .option('--json', 'print one JSON object')
    .action(async (file: string, opts: { json?: boolean }) => {
      const { model, notes, format } = await loadModelWithNotes(file);
      const summary = describeModel(model, notes);
      emit(opts.json === true, { file, format, ...summary }, () =>
        inspectText(file, summary, format));
    });

  ir.command('validate')
    .description('check fields and shapes on every edge; exit 1 listing every problem')
    .argument('<file>', 'model file (.nir, .nirpb or .json)')
    .option('--json', 'print one JSON object')
    .action(async (file: string, opts: { json?: boolean }) => {
      const { model } = await loadModelWithNotes(file);
      const problems = validateModel(model).problems;
      const errors = problems.filter((p) => p.severity === 'error').length;
      const verdict = errors === 0 ? 'valid' : `${errors} error(s)`;
      emit(opts.json === true, { file, valid: errors === 0, problems }, () =>
        [`${file}: ${verdict}`, ...problems.map(line)].join('\n'));
      if (errors > 0) {
        throw new CheckFailedError('E_INVALID', `${errors} error(s) in the graph`, {
          file,
          field: problems.find((p) => p.severity === 'error')!.path,
          fix: 'fix the problems listed on stdout',
        });
      }
    });

  ir.command('convert')
    .description('convert between .nir, .nirpb and .json (by extension), losslessly; a model ' +
      'that fails validation is still converted as read (exit 0, a warning on stderr); ' +
      '`ir validate` lists its errors and exits 1')
    .argument('<in>', 'input model file')
    .argument('<out>', 'output model file')
    .option('--dt <seconds>', 'record the time step the model was trained/exported with')
    .option('--integrator <euler|exact>', 'record the integrator')
    .option('--reset <zero|subtract>', 'record the reset rule')
    .option('--spikes <unit|amplitude-over-dt>', 'record how a spike enters the next layer')
    .option('--json', 'print one JSON object')
    .action(async (input: string, output: string, opts: ConvertOptions) => {
      // Options and the output format first: usage errors exit 2 before anything is read.
      formatOf(output);
      if (opts.dt !== undefined) withDiscretisation({ nirVersion: '', graph: EMPTY }, opts);
      else modes(1, opts, undefined);
      const { model, notes } = await loadModelWithNotes(input);
      for (const n of notes) log(`ir convert: ${input}: ${n}`);
      const out = withDiscretisation(model, opts);
      const errors = warnProblems(input, validateModel(out).problems);
      await saveModel(output, out);
      const result = { input, output, nodes: Object.keys(out.graph.nodes).length,
        discretisation: out.discretisation ?? null, validationErrors: errors };
      emit(opts.json === true, result, () => `wrote ${output}`);
    });
}

/** Conversion keeps a broken model as it is: its errors are reported as one warning. */
function warnProblems(input: string, problems: IrProblem[]): number {
  for (const p of problems.filter((q) => q.severity === 'warning')) {
    log(`ir convert: ${input}: ${line(p).trim()}`);
  }
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return 0;
  const first = errors[0]!;
  log(`ir convert: ${input}: warning: the model fails validation (${errors.length} error(s), ` +
    `first ${first.code} ${first.path || '/'}: ${first.message}); converted as read; ` +
    `\`dynalign ir validate ${input}\` lists the errors`);
  return errors.length;
}

/** A graph with nothing in it, to check options against before a model is read. */
const EMPTY = { nodes: {}, edges: [], metadata: {} };

/** The model with the discretisation options applied over what it already states. */
function withDiscretisation(model: IrModel, opts: ConvertOptions): IrModel {
  if (!opts.dt && !opts.integrator && !opts.reset && !opts.spikes) return model;
  const base = model.discretisation;
  const dt = opts.dt !== undefined
    ? parseNumber('--dt', opts.dt, (v) => (v > 0 ? undefined : '--dt must be > 0'))
    : base?.dt;
  if (dt === undefined) {
    throw new DynalignError('E_USAGE', 'the model states no time step', {
      field: '--dt',
      fix: 'pass --dt together with --integrator/--reset/--spikes',
    });
  }
  return { ...model, discretisation: modes(dt, opts, base) };
}

/** dt plus the three modes: each option, else what the model states, else Euler/zero/unit. */
export function modes(dt: number, opts: { integrator?: string; reset?: string; spikes?: string },
  base: Discretisation | undefined): Discretisation {
  return {
    dt,
    integrator: choice('--integrator', opts.integrator, ['euler', 'exact'],
      base?.integrator ?? 'euler'),
    reset: choice('--reset', opts.reset, ['zero', 'subtract'], base?.reset ?? 'zero'),
    spikes: choice('--spikes', opts.spikes, ['unit', 'amplitude-over-dt'], base?.spikes ?? 'unit'),
  };
}

/** An option restricted to a few values; `fallback` when absent. */
export function choice<T extends string>(option: string, value: string | undefined,
  allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new DynalignError('E_USAGE', `unknown value for ${option}`, {
    field: option,
    value,
    fix: `use one of ${allowed.join(', ')}`,
  });
}

function line(p: IrProblem): string {
  return `  ${p.severity} ${p.code} ${p.path || '/'}: ${p.message}`;
}

/** Where each format keeps what NIR leaves unsaid, for the inspect text. */
const RECORDED_IN: Record<LoadedModel['format'], string> = {
  nir: 'recorded in this file (metadata/dynalign/discretisation)',
  nirpb: 'recorded in this file (discretisation)',
  json: 'recorded in this file ("discretisation")',
};

function inspectText(file: string, s: ModelSummary, format: LoadedModel['format']): string {
  const shape = (x: number[] | null): string => (x ? `[${x.join(',')}]` : '?');
  const rows = s.nodes.map((n) => [n.name, n.type, shape(n.input), shape(n.output),
    n.parameters ? String(n.parameters) : '', n.dtypes.join(' ')]);
  const head = ['node', 'type', 'input', 'output', 'params', 'dtypes'];
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const fmt = (r: string[]): string =>
    '  ' + r.map((c, k) => c.padEnd(widths[k]!)).join('  ').trimEnd();
  const said = (v: string | number | null): string =>
    v === null ? 'not stated (NIR stores none)' : `${v}, ${RECORDED_IN[format]}`;
  const unsaid = Object.entries(s.unsaid).map(([k, v]) => `  ${k.padEnd(12)} ${said(v)}`);
  const profiles = Object.entries(s.quantization).map(([p, n]) => `${p} on ${n} node(s)`);
  unsaid.push(`  ${'quantisation'.padEnd(12)} ${profiles.length ? profiles.join(', ') +
    ', recorded in this file' : 'none recorded (float parameters only)'}`);
  return [
    `${file}: NIR ${s.nirVersion || '(no version)'}, ${s.nodes.length} nodes, ${s.edges} edges, ` +
      `${s.parameters} parameters`,
    fmt(head),
    ...rows.map(fmt),
    'what NIR leaves unsaid:',
    ...unsaid,
    ...s.hints.map((h) => `  hint: ${h}`),
    ...(s.notes.length ? ['reader notes:', ...s.notes.map((n) => `  ${n}`)] : []),
    ...(s.problems.length ? ['problems:', ...s.problems.map(line)] : []),
  ].join('\n');
}
