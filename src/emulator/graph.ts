// The graph as the emulator runs it: nested NIRGraphs inlined, one Input, nodes in an order where
// every forward edge points ahead, and the edges that close a cycle marked recurrent (they
// deliver the source's value of the previous step, as NIRTorch and snnTorch's RLeaky do).
import type { IrGraph, IrNode } from '../ir/model.js';
import { DynalignError } from '../util/errors.js';

export interface FlatGraph {
  nodes: Map<string, IrNode>;
  edges: Array<[string, string]>;
}

export interface OrderedGraph {
  /** Node names in execution order (Input first). */
  order: string[];
  nodes: Map<string, IrNode>;
  /** Incoming edges of each node: source name and whether it closes a cycle. */
  incoming: Map<string, Array<{ from: string; recurrent: boolean }>>;
  outgoing: Map<string, string[]>;
}

/** Separator between a nested graph's name and its inner node names. */
export const NEST_SEPARATOR = '/';

/** Inline nested NIRGraph nodes; their inner Input/Output nodes become the connection points. */
export function flattenGraph(g: IrGraph, prefix = ''): FlatGraph {
  const nodes = new Map<string, IrNode>();
  const edges: Array<[string, string]> = [];
  const entry = new Map<string, string[]>();
  const exit = new Map<string, string[]>();
  for (const [name, node] of Object.entries(g.nodes)) {
    const full = prefix + name;
    if (node.type !== 'NIRGraph') {
      nodes.set(full, node);
      continue;
    }
    if (!node.graph) {
      throw new DynalignError('E_GRAPH', 'nested graph node has no graph', {
        field: full,
        fix: 'store the subgraph under the node, or inline it',
      });
    }
    const inner = flattenGraph(node.graph, full + NEST_SEPARATOR);
    const ports = innerPorts(inner, full);
    inner.nodes.forEach((n, k) => {
      if (!ports.inputs.includes(k) && !ports.outputs.includes(k)) nodes.set(k, n);
    });
    for (const [s, t] of inner.edges) {
      if (ports.inputs.includes(s) || ports.outputs.includes(t)) continue;
      edges.push([s, t]);
    }
    entry.set(full, targetsOf(inner.edges, ports.inputs));
    exit.set(full, sourcesOf(inner.edges, ports.outputs));
  }
  for (const [s, t] of g.edges) {
    const from = exit.get(prefix + s) ?? [prefix + s];
    const to = entry.get(prefix + t) ?? [prefix + t];
    for (const a of from) for (const b of to) edges.push([a, b]);
  }
  return { nodes, edges };
}

function innerPorts(g: FlatGraph, name: string): { inputs: string[]; outputs: string[] } {
  const inputs = [...g.nodes].filter(([, n]) => n.type === 'Input').map(([k]) => k);
  const outputs = [...g.nodes].filter(([, n]) => n.type === 'Output').map(([k]) => k);
  if (inputs.length === 0 || outputs.length === 0) {
    throw new DynalignError('E_GRAPH', 'nested graph lacks an Input or Output node', {
      field: name,
      fix: 'give the subgraph explicit Input and Output nodes (NIR needs them to connect it)',
    });
  }
  return { inputs, outputs };
}

function targetsOf(edges: Array<[string, string]>, from: string[]): string[] {
  return edges.filter(([s]) => from.includes(s)).map(([, t]) => t);
}

function sourcesOf(edges: Array<[string, string]>, to: string[]): string[] {
  return edges.filter(([, t]) => to.includes(t)).map(([s]) => s);
}

/** Order a flat graph from its single Input; edges back to a node on the DFS path are recurrent. */
export function orderGraph(flat: FlatGraph): OrderedGraph {
  const inputs = [...flat.nodes].filter(([, n]) => n.type === 'Input').map(([k]) => k);
  if (inputs.length !== 1) {
    throw new DynalignError(
      'E_GRAPH',
      `the emulator needs exactly one Input node, found ${inputs.length}`,
      {
        field: 'graph',
        value: inputs,
        fix: 'add one Input node in front of the first synaptic layer (NIR PR #153 explains why)',
      },
    );
  }
  const outgoing = new Map<string, string[]>();
  for (const k of flat.nodes.keys()) outgoing.set(k, []);
  for (const [s, t] of flat.edges) {
    if (!flat.nodes.has(s) || !flat.nodes.has(t)) {
      throw new DynalignError('E_GRAPH', 'edge refers to a missing node', {
        field: `edge ${s} → ${t}`,
        value: flat.nodes.has(s) ? t : s,
        fix: 'remove the edge or add the node',
      });
    }
    outgoing.get(s)!.push(t);
  }

  // Depth-first search marks back edges; the rest form a DAG ordered by finishing time.
  const recurrent = new Set<string>();
  const state = new Map<string, 1 | 2>();
  const post: string[] = [];
  const visit = (u: string): void => {
    state.set(u, 1);
    for (const v of outgoing.get(u)!) {
      if (state.get(v) === 1) recurrent.add(`${u}\u0000${v}`);
      else if (!state.has(v)) visit(v);
    }
    state.set(u, 2);
    post.push(u);
  };
  visit(inputs[0]!);
  const unreachable = [...flat.nodes.keys()].filter((k) => !state.has(k));
  if (unreachable.length > 0) {
    throw new DynalignError('E_GRAPH', 'nodes cannot be reached from the Input node', {
      field: unreachable[0],
      value: unreachable,
      fix: 'connect them to the Input, or remove them',
    });
  }
  const order = post.reverse();
  const incoming = new Map<string, Array<{ from: string; recurrent: boolean }>>();
  for (const k of order) incoming.set(k, []);
  for (const [s, t] of flat.edges) {
    incoming.get(t)!.push({ from: s, recurrent: recurrent.has(`${s}\u0000${t}`) });
  }
  return { order, nodes: flat.nodes, incoming, outgoing };
}
