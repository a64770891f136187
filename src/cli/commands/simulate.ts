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
import { asDynalignError, loadModelWithNotes } from '../../io/model-file.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { CheckFailedError, DynalignError } from '../../util/errors.js';
import { emit, log, parseInteger, parseNumber } from '../output.js';
import { modes } from './ir.js';

interface SimulateOptions {
  input?: string;
  golden?: string;
  dt?: string;
  integrator?: string;
  reset?: string;
  spikes?: string;
  steps?: string;
  node?: string;
  trace?: string;
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
    .option('--input <file>', 'input per step: CSV (first columns) or .npy [T, ...]')
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
      const { model } = await loadModelWithNotes(file);
      if (opts.golden) return golden(model, file, opts);
      try {
        await run(model, file, opts);
      } catch (e) {
        throw e instanceof IrError ? asDynalignError(e, file, 'model') : e;
      }
    });
}

async function golden(model: IrModel, file: string, opts: SimulateOptions): Promise<void> {
  if (opts.input || opts.dt || opts.integrator || opts.reset) {
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
  // LIMITATION: --input feeds the first top-level Input node; others get zeros.
  const inputName = flat.inputs[0];
  const inputSize = inputName && types[inputName]?.output ? sizeOf(types[inputName]!.output!) : 0;

  // The input frames, and the node to trace.
  const inputs: Record<string, Float64Array> = {};
  let steps = opts.steps === undefined ? undefined : parseInteger('--steps', opts.steps, 1);
  if (opts.input) {
    if (!inputName) throw usage('--input', 'the graph has no Input node to feed');
    const frames = await readFrames(opts.input, inputSize);
    inputs[inputName] = frames.values;
    steps ??= frames.steps;
  }
  if (steps === undefined) throw usage('--steps', 'pass --input or --steps');
  if (inputName && inputs[inputName] && inputs[inputName]!.length < steps * inputSize) {
    throw usage('--steps', `the input has fewer than ${steps} steps`);
  }
  const traced = opts.node ?? defaultTraceNode(flat.graph.edges, flat.graph.nodes);
  if (traced !== undefined && !(traced in flat.graph.nodes)) {
    throw usage('--node', `there is no node '${traced}' (nested nodes are 'outer/inner')`);
  }

  const result = simulate(model, inputs, { discretisation: disc, steps,
    record: traced ? [traced] : [] });
  if (opts.trace) {
    if (!traced) throw usage('--trace', 'the graph has no node to trace; pass --node');
    const x = inputName ? inputs[inputName] : undefined;
    await writeTrace(opts.trace, result, traced, x, inputSize);
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

async function readFrames(path: string, size: number): Promise<InputFrames> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new DynalignError('E_INPUT_MISSING', 'cannot read the input file', { file: path,
      fix: 'check the path', cause });
  }
  try {
    return extname(path).toLowerCase() === '.npy'
      ? framesFromNpy(bytes, size)
      : framesFromCsv(new TextDecoder().decode(bytes), size);
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

async function writeTrace(path: string, r: SimResult, node: string, input: Float64Array | undefined,
  inputSize: number): Promise<void> {
  const trace = r.traces[node]!;
  const width = sizeOf(trace.shape);
  const membrane = trace.state.v ?? trace.output;
  const columns = [input ?? new Float64Array(0), membrane, trace.output];
  const widths = [input ? inputSize : 0, width, width];
  await writeFileAtomic(path, traceCsv(r.steps, columns, widths));
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
