// What NIR leaves unsaid: time step, integrator, reset rule, spike representation. A model that
// does not state them is flagged, since the same file runs differently on each framework.
import type { IrGraph, IrModel } from './model.js';
import type { IrProblem } from './errors.js';
import { isNodeType, primitiveOf } from './primitives/registry.js';

const DYNAMIC = new Set(['I', 'IF', 'LI', 'LIF', 'CubaLI', 'CubaLIF', 'Delay']);
const RESETTING = new Set(['IF', 'LIF', 'CubaLIF']);

/** Problems in a stated discretisation: dt must be > 0 and the modes known. */
export function checkDiscretisation(model: IrModel): IrProblem[] {
  const d = model.discretisation;
  if (!d) return [];
  const problems: IrProblem[] = [];
  const bad = (field: string, message: string): void => {
    problems.push({ severity: 'error', code: 'E_DISCRETISATION', path: `/discretisation/${field}`,
      message });
  };
  if (!(Number.isFinite(d.dt) && d.dt > 0)) bad('dt', `dt ${d.dt} must be a number > 0`);
  if (d.integrator !== 'euler' && d.integrator !== 'exact') {
    bad('integrator', `'${d.integrator}' is not euler or exact`);
  }
  if (d.reset !== 'zero' && d.reset !== 'subtract') {
    bad('reset', `'${d.reset}' is not zero or subtract`);
  }
  if (d.spikes !== 'unit' && d.spikes !== 'amplitude-over-dt') {
    bad('spikes', `'${d.spikes}' is not unit or amplitude-over-dt`);
  }
  return problems;
}

/** Warnings for a model with dynamics but no stated dt, integrator or reset rule. */
export function unstatedWarnings(model: IrModel): IrProblem[] {
  if (model.discretisation) return [];
  const types = nodeTypes(model.graph);
  const warnings: IrProblem[] = [];
  if ([...types].some((t) => DYNAMIC.has(t))) {
    warnings.push({ severity: 'warning', code: 'W_DT_UNSTATED', path: '/discretisation',
      message: 'no time step or integrator is stated (NIR stores neither); pass --dt and ' +
        '--integrator, or record them with `dynalign ir convert --dt ... --integrator ...`' });
  }
  if ([...types].some((t) => RESETTING.has(t))) {
    warnings.push({ severity: 'warning', code: 'W_RESET_UNSTATED', path: '/discretisation/reset',
      message: 'the reset rule is not stated: NIR only stores v_reset, yet snnTorch, Sinabs, ' +
        'Rockpool and Spyx export subtract-reset neurons with v_reset = 0; pass --reset ' +
        'zero|subtract, or record it with `dynalign ir convert --reset ...`' });
  }
  return warnings;
}

/** Every node type used in a graph and its nested graphs. */
export function nodeTypes(graph: IrGraph, depth = 0): Set<string> {
  const out = new Set<string>();
  for (const node of Object.values(graph.nodes)) {
    out.add(node.type);
    if (node.graph && depth < 64) for (const t of nodeTypes(node.graph, depth + 1)) out.add(t);
  }
  return out;
}

/** True when some node of the graph emits spikes. */
export function hasSpikingNodes(graph: IrGraph): boolean {
  return [...nodeTypes(graph)].some((t) => isNodeType(t) && primitiveOf(t).spiking);
}
