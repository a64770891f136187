// Float reference simulator of any IR graph: explicit dt, integrator (Euler or exact) and reset
// rule; spikes are unit events per step (or 1/dt); edges that close a cycle read the previous
// step. Several edges into one node are summed. All arithmetic is float64.
import type { Discretisation, IrModel } from '../model.js';
import { IrError } from '../errors.js';
import { validateGraph, validateModel } from '../infer.js';
import { primitiveOf } from '../primitives/registry.js';
import type { NodeRuntime, Shape, SimContext } from '../primitives/types.js';
import { sizeOf } from '../tensor.js';
import { inlineGraph } from './inline.js';
import { schedule } from './order.js';

/** Most float64 values a simulation may hold in node buffers and recordings (2^27 = 1 GiB). */
export const MAX_SIM_VALUES = 2 ** 27;

export interface SimOptions {
  discretisation: Discretisation;
  /** Steps to run; defaults to the length of the inputs. */
  steps?: number;
  /** Nodes (qualified names for nested ones, 'rnn/lif') whose output and state are recorded. */
  record?: string[];
}

/** What a node did over the run, time-major: values[t·size + j]. */
export interface NodeTrace {
  shape: Shape;
  output: Float64Array;
  state: Record<string, Float64Array>;
}

export interface SimResult {
  steps: number;
  /** Each Output node's values over time. */
  outputs: Record<string, NodeTrace>;
  /** The recorded nodes. */
  traces: Record<string, NodeTrace>;
  /** Steps with a spike, summed over neurons, per spiking node. */
  spikeCounts: Record<string, number>;
}

/** Run a model on inputs given per top-level Input node as time-major float64 arrays. */
export function simulate(model: IrModel, inputs: Record<string, Float64Array>,
  options: SimOptions): SimResult {
  const errors = validateModel({ ...model, discretisation: options.discretisation }).problems
    .filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new IrError('E_SIM_INVALID', `the graph has ${errors.length} problem(s); first: ` +
      errors[0]!.message, errors[0]!.path, 'run `dynalign ir validate` and fix them');
  }
  const flat = inlineGraph(model.graph);
  const types = validateGraph(flat.graph, '/graph').types.nodes;
  const steps = options.steps ?? stepsOf(inputs, flat.inputs, types);
  const disc = options.discretisation;
  const spikeValue = disc.spikes === 'amplitude-over-dt' ? 1 / disc.dt : 1;
  const ctx: SimContext = { ...disc, spikeValue };

  // Runtimes and buffers of every node, within the stated memory bound.
  const { order, incoming } = schedule(flat.graph, flat.inputs);
  const size = (n: string): number => sizeOf(types[n]!.output!);
  const record = new Set([...(options.record ?? []), ...outputNames(flat.graph.nodes)]);
  checkBudget(order, size, record, steps);
  const runtimes = new Map<string, NodeRuntime>();
  for (const name of order) {
    if (flat.inputs.includes(name)) continue;
    const node = flat.graph.nodes[name]!;
    const shapes = { input: types[name]!.input!, output: types[name]!.output! };
    runtimes.set(name, primitiveOf(node.type).instantiate(node, shapes, ctx));
  }
  const cur = new Map(order.map((n) => [n, new Float64Array(size(n))]));
  const prev = new Map(order.map((n) => [n, new Float64Array(size(n))]));
  const sum = new Map(order.map((n) => [n, new Float64Array(sizeOf(types[n]!.input!))]));
  const traces = makeTraces([...record], types, runtimes, steps);
  const spikeCounts = spikingNames(flat.graph.nodes, order);

  for (let t = 0; t < steps; t++) {
    for (const name of order) {
      const out = cur.get(name)!;
      if (flat.inputs.includes(name)) {
        const x = inputs[name];
        if (x) out.set(x.subarray(t * out.length, (t + 1) * out.length));
        continue;
      }
      const acc = sum.get(name)!;
      acc.fill(0);
      for (const e of incoming.get(name)!) {
        const src = (e.delayed ? prev : cur).get(e.source)!;
        for (let j = 0; j < acc.length; j++) acc[j] = acc[j]! + src[j]!;
      }
      runtimes.get(name)!.step(acc, out);
    }
    for (const name of order) prev.get(name)!.set(cur.get(name)!);
    recordStep(t, traces, cur, runtimes, spikeCounts);
  }
  const outputs: Record<string, NodeTrace> = {};
  for (const name of outputNames(flat.graph.nodes)) outputs[name] = traces[name]!;
  return { steps, outputs, traces, spikeCounts };
}

function stepsOf(inputs: Record<string, Float64Array>, names: string[],
  types: Record<string, { output?: Shape }>): number {
  for (const name of names) {
    const x = inputs[name];
    if (x) return Math.floor(x.length / Math.max(1, sizeOf(types[name]!.output!)));
  }
  throw new IrError('E_SIM_STEPS', 'no input given and no step count', '',
    'pass an input, or the number of steps');
}

function outputNames(nodes: Record<string, { type: string }>): string[] {
  return Object.entries(nodes).filter(([k, n]) => n.type === 'Output' && !k.includes('/'))
    .map(([k]) => k);
}

function checkBudget(order: string[], size: (n: string) => number, record: Set<string>,
  steps: number): void {
  let values = 0;
  for (const n of order) values += 3 * size(n) + (record.has(n) ? 3 * size(n) * steps : 0);
  if (values > MAX_SIM_VALUES) {
    throw new IrError('E_SIM_TOO_LARGE', `the run needs ${values} float64 values; the limit is ` +
      `${MAX_SIM_VALUES}`, '', 'record fewer nodes or run fewer steps');
  }
}

function makeTraces(names: string[], types: Record<string, { output?: Shape }>,
  runtimes: Map<string, NodeRuntime>, steps: number): Record<string, NodeTrace> {
  const traces: Record<string, NodeTrace> = {};
  for (const name of names) {
    const shape = types[name]?.output;
    if (!shape) throw new IrError('E_SIM_NODE', `there is no node '${name}' to record`, '');
    const n = sizeOf(shape);
    const state: Record<string, Float64Array> = {};
    for (const k of Object.keys(runtimes.get(name)?.state ?? {})) {
      state[k] = new Float64Array(n * steps);
    }
    traces[name] = { shape, output: new Float64Array(n * steps), state };
  }
  return traces;
}

function spikingNames(nodes: Record<string, { type: string }>,
  order: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of order) {
    if (primitiveOf(nodes[name]!.type as 'LIF').spiking) counts[name] = 0;
  }
  return counts;
}

function recordStep(t: number, traces: Record<string, NodeTrace>, cur: Map<string, Float64Array>,
  runtimes: Map<string, NodeRuntime>, spikeCounts: Record<string, number>): void {
  for (const [name, trace] of Object.entries(traces)) {
    const out = cur.get(name)!;
    trace.output.set(out, t * out.length);
    const state = runtimes.get(name)?.state ?? {};
    for (const [k, v] of Object.entries(state)) trace.state[k]!.set(v, t * v.length);
  }
  for (const name of Object.keys(spikeCounts)) {
    for (const z of cur.get(name)!) if (z !== 0) spikeCounts[name]!++;
  }
}
