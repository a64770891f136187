// A summary of a model for `dynalign ir inspect`: nodes in evaluation order with their shapes
// and parameter counts, what NIR leaves unsaid, and every problem and reader note.
import type { IrGraph, IrModel } from './model.js';
import type { IrProblem } from './errors.js';
import { type GraphTypes, validateModel } from './infer.js';
import { isNodeType, primitiveOf } from './primitives/registry.js';
import type { Shape } from './primitives/types.js';
import { schedule } from './sim/order.js';
import { exporterHints } from './hints.js';

export interface NodeSummary {
  /** Qualified name: nested nodes are 'outer/inner'. */
  name: string;
  type: string;
  input: Shape | null;
  output: Shape | null;
  /** Values in weight/neuron fields (shapes and integer settings are not counted). */
  parameters: number;
  dtypes: string[];
}

export interface ModelSummary {
  nirVersion: string;
  nodes: NodeSummary[];
  edges: number;
  parameters: number;
  /** dt, integrator, reset, spikes: the stated value, or null when the model does not say. */
  unsaid: Record<'dt' | 'integrator' | 'reset' | 'spikes', string | number | null>;
  /** Nodes carrying integer parameters, per numeric profile (NIR stores no quantisation). */
  quantization: Record<string, number>;
  hints: string[];
  problems: IrProblem[];
  notes: string[];
}

/** Summarise a model (with the notes its reader produced). */
export function describeModel(model: IrModel, notes: string[] = []): ModelSummary {
  const v = validateModel(model);
  const nodes = summarise(model.graph, v.types, '', 0);
  const d = model.discretisation;
  return {
    nirVersion: model.nirVersion,
    nodes,
    edges: countEdges(model.graph, 0),
    parameters: nodes.reduce((a, n) => a + n.parameters, 0),
    unsaid: {
      dt: d?.dt ?? null,
      integrator: d?.integrator ?? null,
      reset: d?.reset ?? null,
      spikes: d?.spikes ?? null,
    },
    quantization: profileCounts(model.graph, {}, 0),
    hints: exporterHints(model.graph, d),
    problems: v.problems,
    notes,
  };
}

function summarise(graph: IrGraph, types: GraphTypes, prefix: string,
  depth: number): NodeSummary[] {
  const inputs = Object.keys(graph.nodes).filter((n) => graph.nodes[n]!.type === 'Input');
  const valid = graph.edges.filter(([s, t]) => s in graph.nodes && t in graph.nodes);
  const { order } = schedule({ ...graph, edges: valid }, inputs);
  const out: NodeSummary[] = [];
  for (const name of order) {
    const node = graph.nodes[name]!;
    const t = types.nodes[name] ?? {};
    let parameters = 0;
    const dtypes = new Set<string>();
    const roles = isNodeType(node.type) ? primitiveOf(node.type).fields : [];
    for (const spec of roles) {
      const p = node.params[spec.name];
      if (p === undefined || typeof p === 'string') continue;
      dtypes.add(p.dtype);
      if (spec.role === 'neuron' || spec.role === 'tensor') parameters += p.data.length;
    }
    out.push({ name: prefix + name, type: node.type, input: t.input ?? null,
      output: t.output ?? null, parameters, dtypes: [...dtypes] });
    if (node.graph && depth < 32) {
      out.push(...summarise(node.graph, types.nested[name] ?? { nodes: {}, nested: {} },
        `${prefix}${name}/`, depth + 1));
    }
  }
  return out;
}

function countEdges(graph: IrGraph, depth: number): number {
  let n = graph.edges.length;
  for (const node of Object.values(graph.nodes)) {
    if (node.graph && depth < 32) n += countEdges(node.graph, depth + 1);
  }
  return n;
}

function profileCounts(graph: IrGraph, out: Record<string, number>,
  depth: number): Record<string, number> {
  for (const node of Object.values(graph.nodes)) {
    for (const profile of new Set((node.quantization ?? []).map((q) => q.profile))) {
      out[profile] = (out[profile] ?? 0) + 1;
    }
    if (node.graph && depth < 32) profileCounts(node.graph, out, depth + 1);
  }
  return out;
}
