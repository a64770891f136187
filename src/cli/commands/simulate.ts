// `dynalign simulate`: run any model file on an input (CSV or .npy) with an explicit dt,
// integrator and reset rule, or against a reference file (--golden) under its conventions.
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Discretisation, IrModel } from '../../ir/model.js';
import { IrError } from '../../ir/errors.js';
import { validateGraph } from '../../ir/infer.js';
import { hasSpikingNodes } from '../../ir/unstated.js';
import { inlineGraph } from '../../ir/sim/inline.js';
import { type SimResult, simulate } from '../../ir/sim/simulate.js';
import { runGolden } from '../../ir/sim/golden.js';
import {
  type InputFrames, framesFromCsv, framesFromNpy, traceCsv,
} from '../../ir/sim/input-array.js';
import { sizeOf } from '../../ir/tensor.js';
import { asDynalignError, loadValidModel } from '../../io/model-file.js';
import { checkCsvFrames } from '../../io/csv-frames.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { CheckFailedError, DynalignError } from '../../util/errors.js';
import { emit, log, parseInteger, parseNumber } from '../output.js';
import { modes } from './ir.js';

interface SimulateOptions {
  input?: string[];
  golden?: string;
  dt?: string;
  integrator?: string;
  reset?: string;
  spikes?: string;
  steps?: string;
  node?: string;
  trace?: string;
  header?: boolean;
  json?: boolean;
}

/** Most output values printed with --json; larger runs give counts only. */
const MAX_JSON_VALUES = 10_000;

/** Register `dynalign simulate`. */
export function register(program: Command): void {
  program
    .command('simulate')
    .description('float reference simulation of a model (.nir, .nirpb, .json)')
    .argument('<file>', 'model file')
    .option('--input <[name=]file>', 'input per step: CSV (first columns) or .npy [T, ...]; ' +
      'repeat as NAME=FILE for a graph with several Input nodes', collect, [])
    .option('--header', 'the first non-comment line of each --input CSV names the columns')
    .option('--golden <file>', 'reference JSON (nir-lib layout): run and compare its references')
    .option('--dt <seconds>', 'time step (required unless the model states one)')
    .option('--integrator <euler|exact>', 'forward Euler, or exact for input held over a step')
    .option('--reset <zero|subtract>', 'to v_reset at the spike, or subtract v_threshold')
    .option('--spikes <unit|amplitude-over-dt>', 'a spike is 1 per step (unit) or 1/dt')
    .option('--steps <n>', 'steps to run (default: the input length)')
    .option('--node <name>', "node to trace (nested: 'outer/inner'); default: the output layer")
    .option('--trace <out.csv>', 'write per step: input, traced membrane, traced output')
    .option('--json', 'print one JSON object')
    .action(async (file: string, opts: SimulateOptions) => {
      checkOptions(opts);
      const model = await loadValidModel(file);
      if (opts.golden) return golden(model, file, opts);
      try {
        await run(model, file, opts);
      } catch (e) {
        throw e instanceof IrError ? asDynalignError(e, file, 'model') : e;
      }
    });
}

/** Option values that need no model are checked before it is read (usage errors exit 2). */
function checkOptions(opts: SimulateOptions): void {
  if (opts.dt !== undefined) {
    parseNumber('--dt', opts.dt, (v) => (v > 0 ? undefined : '--dt must be > 0'));
  }
  if (opts.steps !== undefined) parseInteger('--steps', opts.steps, 1);
  modes(1, opts, undefined);
}

/** Commander's collector for a repeatable option. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function golden(model: IrModel, file: string, opts: SimulateOptions): Promise<void> {
  if (opts.input?.length || opts.dt || opts.integrator || opts.reset) {
    log('simulate: --golden uses the conventions recorded in the reference file; ' +
      '--input/--dt/--integrator/--reset are ignored');
  }
  let reference: unknown;
  try {
    reference = JSON.parse(await readFile(opts.golden!, 'utf8'));
  } catch (cause) {
    throw new DynalignError('E_GOLDEN', 'cannot read the reference file as JSON', {
      file: opts.golden,
      fix: 'pass a reference JSON in the shared/fixtures/nir-lib layout',
      cause,
    });
  }
  let result: ReturnType<typeof runGolden>;
  try {
    result = runGolden(model, reference);
  } catch (e) {
    throw e instanceof IrError ? asDynalignError(e, opts.golden!, 'reference') : e;
  }
  emit(opts.json === true, { file, golden: opts.golden, ...result }, () =>
    result.checks.map((c) => `${c.reference.padEnd(28)} ${c.status.padEnd(10)} ${c.detail}`)
      .join('\n'));
  const bad = result.checks.filter((c) => c.status === 'mismatched');
  if (bad.length > 0) {
    const names = bad.map((c) => c.reference).join(', ');
    throw new CheckFailedError('E_GOLDEN_MISMATCH', `${bad.length} reference(s) differ: ${names}`,
      { file, fix: 'see the differences listed on stdout' });
  }
}

async function run(model: IrModel, file: string, opts: SimulateOptions): Promise<void> {
  const disc = discretisation(model, opts);
  const flat = inlineGraph(model.graph);
  const types = validateGraph(flat.graph, '/graph').types.nodes;
  const sizeOfInput = (name: string): number => sizeOf(types[name]?.output ?? [0]);

  // The frames of each Input node named by --input; the others get zeros.
  const inputs: Record<string, Float64Array> = {};
  let steps = opts.steps === undefined ? undefined : parseInteger('--steps', opts.steps, 1);
  for (const [name, path] of assignInputs(opts.input ?? [], flat.inputs)) {
    const frames = await readFrames(path, sizeOfInput(name), opts.header === true);
    inputs[name] = frames.values;
    steps ??= frames.steps;
  }
  if (steps === undefined) throw usage('--steps', 'pass --input or --steps');
  for (const name of flat.inputs) {
    const x = inputs[name];
    if (!x) log(`simulate: Input '${name}' is not given with --input; it gets zeros`);
    else if (x.length < steps * sizeOfInput(name)) {
      throw usage('--steps', `the input of '${name}' has fewer than ${steps} steps`);
    }
  }
  const traced = opts.node ?? defaultTraceNode(flat.graph.edges, flat.graph.nodes);
  if (traced !== undefined && !(traced in flat.graph.nodes)) {
    throw usage('--node', `there is no node '${traced}' (nested nodes are 'outer/inner')`);
  }

  const result = simulate(model, inputs, { discretisation: disc, steps,
    record: traced ? [traced] : [] });
  if (opts.trace) {
    if (!traced) throw usage('--trace', 'the graph has no node to trace; pass --node');
    const fed = flat.inputs.filter((n) => inputs[n]);
    const columns = fed.map((n): [Float64Array, number] => [inputs[n]!, sizeOfInput(n)]);
    await writeTrace(opts.trace, result, traced, columns);
  }
  emit(opts.json === true, jsonResult(file, disc, result, traced, opts.trace), () =>
    textResult(file, disc, result, traced, opts.trace));
}

function discretisation(model: IrModel, opts: SimulateOptions): Discretisation {
  const base = model.discretisation;
  const dt = opts.dt !== undefined
    ? parseNumber('--dt', opts.dt, (v) => (v > 0 ? undefined : '--dt must be > 0'))
    : base?.dt;
  if (dt === undefined) throw usage('--dt', 'the model states no time step; pass --dt');
  if (!base && !opts.reset && hasSpikingNodes(model.graph)) {
    log('simulate: no reset rule stated or given; using NIR\'s own (reset to v_reset). ' +
      'snnTorch-exported models usually subtract: pass --reset subtract for them');
  }
  return modes(dt, opts, base);
}

async function readFrames(path: string, size: number, header: boolean): Promise<InputFrames> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new DynalignError('E_INPUT_MISSING', 'cannot read the input file', { file: path,
      fix: 'check the path', cause });
  }
  const isNpy = extname(path).toLowerCase() === '.npy';
  const text = isNpy ? '' : new TextDecoder().decode(bytes);
  if (!isNpy) checkCsvFrames(text, size, path, header);
  try {
    return isNpy ? framesFromNpy(bytes, size) : framesFromCsv(text, size);
  } catch (e) {
    throw e instanceof IrError ? asDynalignError(e, path, 'input') : e;
  }
}

/** The node feeding the first Output: its membrane and spikes are what users look at. */
function defaultTraceNode(edges: Array<[string, string]>, nodes: Record<string, { type: string }>):
  string | undefined {
  const out = Object.keys(nodes).find((n) => nodes[n]!.type === 'Output' && !n.includes('/'));
  return edges.find(([, t]) => t === out)?.[0];
}

/** Rows of the fed inputs (in Input order), then the traced membrane and output. */
async function writeTrace(path: string, r: SimResult, node: string,
  inputs: Array<[Float64Array, number]>): Promise<void> {
  const trace = r.traces[node]!;
  const width = sizeOf(trace.shape);
  const membrane = trace.state.v ?? trace.output;
  const columns = [...inputs.map(([x]) => x), membrane, trace.output];
  const widths = [...inputs.map(([, n]) => n), width, width];
  await writeFileAtomic(path, traceCsv(r.steps, columns, widths));
}

/** Which Input node each --input feeds: NAME=FILE names it, a bare FILE needs a single Input. */
export function assignInputs(given: string[], inputNames: string[]): Array<[string, string]> {
  const out = new Map<string, string>();
  for (const arg of given) {
    const eq = arg.indexOf('=');
    const named = eq > 0 && inputNames.includes(arg.slice(0, eq));
    if (!named && inputNames.length === 0) {
      throw new DynalignError('E_USAGE', 'the graph has no Input node to feed', {
        field: '--input', value: arg, fix: 'pass --steps instead' });
    }
    if (!named && inputNames.length > 1) {
      const names = inputNames.map((n) => `'${n}'`).join(', ');
      throw new DynalignError('E_USAGE', `the graph has ${inputNames.length} Input nodes ` +
        `(${names}); say which one this file feeds`, {
        field: '--input', value: arg, fix: `pass --input NAME=FILE, NAME one of ${names}` });
    }
    const name = named ? arg.slice(0, eq) : inputNames[0]!;
    if (out.has(name)) {
      throw new DynalignError('E_USAGE', `Input '${name}' is given twice`, { field: '--input',
        value: arg, fix: 'pass one --input per Input node' });
    }
    out.set(name, named ? arg.slice(eq + 1) : arg);
  }
  return [...out];
}

function jsonResult(file: string, disc: Discretisation, r: SimResult, traced: string | undefined,
  trace: string | undefined): unknown {
  const outputs: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(r.outputs)) {
    const values = o.output.length <= MAX_JSON_VALUES ? o.output : null;
    outputs[name] = { shape: o.shape, values };
  }
  return { file, steps: r.steps, discretisation: disc, spikeCounts: r.spikeCounts, outputs,
    tracedNode: traced ?? null, trace: trace ?? null };
}

function textResult(file: string, disc: Discretisation, r: SimResult, traced: string | undefined,
  trace: string | undefined): string {
  const counts = Object.entries(r.spikeCounts).map(([k, v]) => `  ${k}: ${v} spikes`);
  return [
    `${file}: ${r.steps} steps, dt ${disc.dt} s, ${disc.integrator}, reset ${disc.reset}, ` +
      `spikes ${disc.spikes}`,
    ...counts,
    ...(trace ? [`trace of '${traced}' written to ${trace}`] : []),
  ].join('\n');
}

function usage(field: string, message: string): DynalignError {
  return new DynalignError('E_USAGE', message, { field, fix: 'see dynalign simulate --help' });
}
