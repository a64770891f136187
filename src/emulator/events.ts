// Event lists of the runner: the non-zero entries of a vector, and which nodes must keep them
// because an event-driven consumer (dense, ring, conv, pool) reads only those.
import type { Plan, Vec } from './plan-types.js';

const EVENT_DRIVEN = new Set(['dense', 'ring', 'conv', 'pool']);

/** Write the indices of v's non-zero entries into ev; return how many. */
export function scan(v: Vec, ev: Int32Array): number {
  let n = 0;
  for (let j = 0; j < v.length; j++) if (v[j] !== 0) ev[n++] = j;
  return n;
}

/** Which nodes must list their non-zero outputs: sources of event-driven ops, through passes. */
export function needEvents(plan: Plan): boolean[] {
  const need = plan.nodes.map(() => false);
  for (let k = plan.nodes.length - 1; k >= 0; k--) {
    const n = plan.nodes[k]!;
    const wants = EVENT_DRIVEN.has(n.op.kind) || (n.op.kind === 'pass' && need[k]);
    if (wants && n.inputs.length === 1) need[n.inputs[0]!.src] = true;
  }
  return need;
}
