// Forward Euler steps each leaky state by the factor 1 − dt/τ. When a time constant is shorter
// than the stated dt that factor is negative (the state flips sign every step) and below −1 it
// grows without bound: the symptom of Norse #411, whose export scaled τ by dt (τ ≈ 1e-6 s for
// τ_inv = 900 at dt = 1e-3). A stated discretisation makes it checkable, so it is a warning.
import type { IrGraph, IrModel } from './model.js';
import type { IrProblem } from './errors.js';
import { nodePointer } from './errors.js';
import { values } from './primitives/fields.js';

/** Largest dt/τ for which the Euler factor 1 − dt/τ stays in [0, 1] (snnTorch's β range). */
const EULER_MAX_RATIO = 1;

/** The time-constant fields of each leaky primitive. */
const TIME_CONSTANTS: Record<string, string[]> = {
  LI: ['tau'],
  LIF: ['tau'],
  CubaLI: ['tau_syn', 'tau_mem'],
  CubaLIF: ['tau_syn', 'tau_mem'],
};

/** Warnings for time constants that a stated Euler discretisation cannot step faithfully. */
export function eulerWarnings(model: IrModel): IrProblem[] {
  const d = model.discretisation;
  if (!d || d.integrator !== 'euler' || !(d.dt > 0)) return [];
  return graphWarnings(model.graph, '/graph', d.dt, 0);
}

function graphWarnings(graph: IrGraph, path: string, dt: number, depth: number): IrProblem[] {
  const out: IrProblem[] = [];
  for (const [name, node] of Object.entries(graph.nodes)) {
    const at = nodePointer(path, name);
    if (node.graph && depth < 32) {
      out.push(...graphWarnings(node.graph, `${at}/graph`, dt, depth + 1));
    }
    for (const field of TIME_CONSTANTS[node.type] ?? []) {
      const tau = values(node, field).filter((t) => t > 0);
      if (tau.length === 0) continue;
      const shortest = Math.min(...tau);
      const ratio = dt / shortest;
      if (ratio <= EULER_MAX_RATIO) continue;
      out.push({ severity: 'warning', code: 'W_EULER_UNSTABLE', path: `${at}/params/${field}`,
        message: `${node.type} '${name}' has ${field} = ${shortest.toExponential(3)} s, shorter ` +
          `than dt = ${dt} s: the Euler factor 1 − dt/τ = ${(1 - ratio).toPrecision(4)} ` +
          `${ratio > 2 ? 'makes the state diverge' : 'flips the state\'s sign every step'}; ` +
          'check that the exporter did not scale τ by dt (Norse #411), or step it exactly' });
    }
  }
  return out;
}
