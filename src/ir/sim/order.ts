// Evaluation order of a flat graph: depth-first from the external inputs (then from nodes with
// no incoming edge, then the rest), reversed post-order. An edge whose source comes at or after
// its target closes a cycle and delivers the source's value from the previous step (0 at t = 0),
// as NIRTorch and snnTorch's RLeaky do.
import type { IrGraph } from '../model.js';

export interface Schedule {
  order: string[];
  /** Incoming edges of each node: source name and whether it reads the previous step. */
  incoming: Map<string, Array<{ source: string; delayed: boolean }>>;
}

/** The order nodes are stepped in, and which edges are recurrent. */
export function schedule(graph: IrGraph, inputs: string[]): Schedule {
  const names = Object.keys(graph.nodes);
  const next = new Map<string, string[]>(names.map((n) => [n, []]));
  const indegree = new Map<string, number>(names.map((n) => [n, 0]));
  for (const [s, t] of graph.edges) {
    next.get(s)!.push(t);
    indegree.set(t, indegree.get(t)! + 1);
  }

  // Iterative DFS, so deep chains cannot overflow the stack.
  const post: string[] = [];
  const seen = new Set<string>();
  const roots = [...inputs, ...names.filter((n) => indegree.get(n) === 0), ...names];
  for (const root of roots) {
    if (seen.has(root)) continue;
    seen.add(root);
    const stack: Array<[string, number]> = [[root, 0]];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const succ = next.get(top[0])!;
      if (top[1] < succ.length) {
        const t = succ[top[1]++]!;
        if (!seen.has(t)) {
          seen.add(t);
          stack.push([t, 0]);
        }
      } else {
        post.push(top[0]);
        stack.pop();
      }
    }
  }
  const order = post.reverse();
  const pos = new Map(order.map((n, i) => [n, i]));
  const incoming = new Map<string, Array<{ source: string; delayed: boolean }>>(
    names.map((n) => [n, []]));
  for (const [s, t] of graph.edges) {
    incoming.get(t)!.push({ source: s, delayed: pos.get(s)! >= pos.get(t)! });
  }
  return { order, incoming };
}
