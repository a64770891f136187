// Nested graphs inlined into one flat graph for simulation: an inner node `lif` of subgraph
// `rnn` becomes `rnn/lif`; edges into `rnn` go to its Input node, edges out of it leave from
// its Output node (both then act as identities).
import type { IrGraph, IrNode } from '../model.js';
import { IrError } from '../errors.js';

/** A flat graph and the names of its own (top-level) Input nodes, which take external input. */
export interface FlatGraph {
  graph: IrGraph;
  inputs: string[];
}

/** Separator of qualified names of inlined nodes. */
export const NAME_SEPARATOR = '/';

/** Inline every nested graph (validated beforehand: one Input and one Output each). */
export function inlineGraph(graph: IrGraph): FlatGraph {
  const nodes: Record<string, IrNode> = {};
  const edges: Array<[string, string]> = [];
  addGraph(graph, '', nodes, edges, 0);
  const inputs = Object.entries(graph.nodes).filter(([, n]) => n.type === 'Input').map(([k]) => k);
  return { graph: { nodes, edges, metadata: graph.metadata }, inputs };
}

function addGraph(graph: IrGraph, prefix: string, nodes: Record<string, IrNode>,
  edges: Array<[string, string]>, depth: number): void {
  const ports = new Map<string, { input: string; output: string }>();
  for (const [name, node] of Object.entries(graph.nodes)) {
    const q = prefix + name;
    if (node.type !== 'NIRGraph' || !node.graph) {
      if (Object.prototype.hasOwnProperty.call(nodes, q)) {
        throw new IrError('E_SIM_NAME', `two nodes are named '${q}' once nested graphs are inlined`,
          '', `rename the node; '${NAME_SEPARATOR}' joins nested names`);
      }
      Object.defineProperty(nodes, q, { value: node, enumerable: true, writable: true,
        configurable: true });
      continue;
    }
    const inner = q + NAME_SEPARATOR;
    addGraph(node.graph, inner, nodes, edges, depth + 1);
    const find = (type: string): string =>
      inner + (Object.entries(node.graph!.nodes).find(([, n]) => n.type === type)?.[0] ?? '');
    ports.set(name, { input: find('Input'), output: find('Output') });
  }
  for (const [s, t] of graph.edges) {
    edges.push([ports.get(s)?.output ?? prefix + s, ports.get(t)?.input ?? prefix + t]);
  }
}
