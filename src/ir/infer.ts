// Type inference and validation of a graph: the shape on every edge, through convolutions,
// pooling, Flatten, Affine/Linear, nested graphs and cycles. Every problem is collected with its
// JSON pointer (and both endpoints' shapes for an edge), not only the first.
import type { IrGraph, IrModel, IrNode } from './model.js';
import { type IrProblem, nodePointer } from './errors.js';
import { sameShape } from './primitives/fields.js';
import { isNodeType, primitiveOf } from './primitives/registry.js';
import type { Shape } from './primitives/types.js';
import { checkNodeFields } from './validate-fields.js';
import { checkDiscretisation, unstatedWarnings } from './unstated.js';
import { eulerWarnings } from './stability.js';

export interface NodeTypes {
  input?: Shape;
  output?: Shape;
}

/** Inferred shapes of every node, and of the nodes inside nested graphs. */
export interface GraphTypes {
  nodes: Record<string, NodeTypes>;
  nested: Record<string, GraphTypes>;
}

export interface Validation {
  types: GraphTypes;
  problems: IrProblem[];
}

/** Deepest nesting of NIRGraph nodes accepted (a guard against hostile files). */
export const MAX_NESTING = 32;

/** Validate a model: fields, shapes on every edge, and the stated discretisation. */
export function validateModel(model: IrModel): Validation {
  const v = validateGraph(model.graph, '/graph');
  v.problems.push(...checkDiscretisation(model), ...unstatedWarnings(model),
    ...eulerWarnings(model));
  return v;
}

/** Validate one graph (recursing into nested graphs) rooted at JSON pointer `path`. */
export function validateGraph(graph: IrGraph, path: string, depth = 0): Validation {
  const problems: IrProblem[] = [];
  const nested: Record<string, GraphTypes> = {};
  const failed = new Set<string>();

  // Fields of every node; nested graphs are validated on their own first.
  for (const [name, node] of Object.entries(graph.nodes)) {
    const own = checkNodeFields(node, nodePointer(path, name));
    if (node.type === 'NIRGraph') own.push(...checkNested(node, name, path, depth, nested));
    if (own.some((p) => p.severity === 'error')) failed.add(name);
    problems.push(...own);
  }

  // Shapes each node fixes by itself, then propagated along edges until nothing changes.
  const nodes: Record<string, NodeTypes> = {};
  for (const [name, node] of Object.entries(graph.nodes)) {
    nodes[name] = failed.has(name)
      ? {}
      : declared(node, name, path, nested[name], problems, failed);
  }
  const edges = checkEdges(graph, path, problems);
  propagate(graph, path, edges, nodes, failed, problems);

  // Every edge's two shapes must agree; nodes left without a shape are reported once.
  for (const [i, [s, t]] of edges) {
    const a = nodes[s]!.output;
    const b = nodes[t]!.input;
    if (a && b && !sameShape(a, b)) {
      problems.push(error('E_SHAPE_MISMATCH', `${path}/edges/${i}`,
        `${s}.output [${a}] → ${t}.input [${b}]`));
    }
  }
  problems.push(...unresolved(graph, path, edges, nodes, failed));
  return { types: { nodes, nested }, problems };
}

function checkNested(node: IrNode, name: string, path: string, depth: number,
  nested: Record<string, GraphTypes>): IrProblem[] {
  const where = nodePointer(path, name);
  if (!node.graph) return [error('E_GRAPH_MISSING', where, `NIRGraph '${name}' has no nodes`)];
  if (depth + 1 > MAX_NESTING) {
    return [error('E_GRAPH_DEPTH', where, `graphs nest deeper than ${MAX_NESTING} levels`)];
  }
  const inner = validateGraph(node.graph, `${where}/graph`, depth + 1);
  nested[name] = inner.types;
  const ports = (type: string): number =>
    Object.values(node.graph!.nodes).filter((n) => n.type === type).length;
  const extra: IrProblem[] = [];
  if (ports('Input') > 1 || ports('Output') > 1) {
    extra.push(error('E_GRAPH_PORTS', where, `nested graph '${name}' has ${ports('Input')} ` +
      `Input and ${ports('Output')} Output nodes; edges to it need exactly one of each`));
  }
  return [...inner.problems, ...extra];
}

function declared(node: IrNode, name: string, path: string, inner: GraphTypes | undefined,
  problems: IrProblem[], failed: Set<string>): NodeTypes {
  if (node.type === 'NIRGraph') return nestedPorts(node, inner);
  if (!isNodeType(node.type)) return {};
  const input = primitiveOf(node.type).inputShape(node);
  if (!input) return {};
  const output = outputOf(node, name, path, input, problems, failed);
  return output ? { input, output } : { input };
}

function nestedPorts(node: IrNode, inner: GraphTypes | undefined): NodeTypes {
  const types: NodeTypes = {};
  for (const [name, n] of Object.entries(node.graph?.nodes ?? {})) {
    if (n.type === 'Input') types.input = inner?.nodes[name]?.output;
    if (n.type === 'Output') types.output = inner?.nodes[name]?.input;
  }
  return types;
}

function outputOf(node: IrNode, name: string, path: string, input: Shape,
  problems: IrProblem[], failed: Set<string>): Shape | undefined {
  const out = primitiveOf(node.type).outputShape(node, input);
  if (typeof out !== 'string') return out;
  failed.add(name);
  problems.push(error('E_SHAPE_RULE', nodePointer(path, name),
    `${node.type} '${name}' on input [${input}]: ${out}`));
  return undefined;
}

function checkEdges(graph: IrGraph, path: string,
  problems: IrProblem[]): Array<[number, [string, string]]> {
  const valid: Array<[number, [string, string]]> = [];
  const seen = new Set<string>();
  graph.edges.forEach(([s, t], i) => {
    const missing = [s, t].filter((n) => !Object.prototype.hasOwnProperty.call(graph.nodes, n));
    if (missing.length > 0) {
      problems.push(error('E_EDGE_NODE', `${path}/edges/${i}`,
        `edge ${s} → ${t} names ${missing.map((m) => `'${m}'`).join(' and ')}, ` +
        'which is not a node of this graph'));
      return;
    }
    const key = JSON.stringify([s, t]);
    if (seen.has(key)) {
      problems.push({ severity: 'warning', code: 'W_EDGE_DUPLICATE', path: `${path}/edges/${i}`,
        message: `edge ${s} → ${t} appears twice; its input is summed twice` });
    }
    seen.add(key);
    valid.push([i, [s, t]]);
  });
  return valid;
}

function propagate(graph: IrGraph, path: string, edges: Array<[number, [string, string]]>,
  nodes: Record<string, NodeTypes>, failed: Set<string>, problems: IrProblem[]): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const [, [s, t]] of edges) {
      const src = nodes[s]!.output;
      const dst = nodes[t]!;
      const node = graph.nodes[t]!;
      if (!src || dst.input || failed.has(t) || node.type === 'NIRGraph') continue;
      dst.input = [...src];
      const out = outputOf(node, t, path, dst.input, problems, failed);
      if (out) dst.output = out;
      changed = true;
    }
  }
}

function unresolved(graph: IrGraph, path: string, edges: Array<[number, [string, string]]>,
  nodes: Record<string, NodeTypes>, failed: Set<string>): IrProblem[] {
  // Nodes downstream of a failed node are not reported again.
  const blocked = new Set(failed);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [, [s, t]] of edges) {
      if (!blocked.has(s) || blocked.has(t)) continue;
      blocked.add(t);
      grew = true;
    }
  }
  const problems: IrProblem[] = [];
  const hasIncoming = new Set(edges.map(([, [, t]]) => t));
  for (const [name, node] of Object.entries(graph.nodes)) {
    if (blocked.has(name)) continue;
    const where = nodePointer(path, name);
    if (node.type === 'Output' && !hasIncoming.has(name)) {
      problems.push({ severity: 'warning', code: 'W_OUTPUT_UNCONNECTED', path: where,
        message: `Output '${name}' receives no edge` });
    }
    if (!nodes[name]!.input) {
      const why = hasIncoming.has(name)
        ? 'no source of it has a known output shape (a cycle with no node that fixes its shape?)'
        : 'it receives no edge and its fields do not fix it';
      problems.push(error('E_SHAPE_UNKNOWN', where,
        `cannot infer the input shape of ${node.type} '${name}': ${why}`));
    }
  }
  return problems;
}

function error(code: string, path: string, message: string): IrProblem {
  return { severity: 'error', code, path, message };
}
