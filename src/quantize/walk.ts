// Bookkeeping of the quantiser's walk over the ordered graph: the real value of one integer unit
// on each node's output, the (scale, shift) decided for each synaptic node, and which synapses
// feed a neuron (through Flatten and Delay, which change no values).
import type { OrderedGraph } from '../emulator/graph.js';
import { DynalignError } from '../util/errors.js';

export interface Decision {
  /** Real value of one weight unit. */
  scale: number;
  /** Power-of-two shift of the integer sum (negative: left). */
  shift: number;
  /** Real value of one unit of the node's input. */
  sx: number;
}

export interface Walk {
  g: OrderedGraph;
  shapes: Map<string, number[]>;
  /** Output unit per node: a number, or one per element for non-spiking neurons. */
  units: Map<string, number | Float64Array>;
  decisions: Map<string, Decision>;
}

const SYNAPTIC = ['Affine', 'Linear', 'Conv1d', 'Conv2d', 'Scale'];
const TRANSPARENT = ['Flatten', 'Delay'];
const SPIKING = ['LIF', 'IF', 'CubaLIF', 'Threshold'];

/** Whether a node multiplies by weights (and so has a scale and a shift). */
export function isSynaptic(type: string): boolean {
  return SYNAPTIC.includes(type);
}

/** Synaptic nodes feeding `name` through transparent nodes, and other (fixed-unit) sources. */
export function feedersOf(
  walk: Walk,
  name: string,
): { synaptic: Array<{ name: string; recurrent: boolean }>; fixed: string[] } {
  const synaptic: Array<{ name: string; recurrent: boolean }> = [];
  const fixed: string[] = [];
  const visit = (n: string, recurrent: boolean, seen: Set<string>): void => {
    for (const e of walk.g.incoming.get(n)!) {
      if (seen.has(e.from)) continue;
      seen.add(e.from);
      const t = walk.g.nodes.get(e.from)!.type;
      if (isSynaptic(t)) synaptic.push({ name: e.from, recurrent: recurrent || e.recurrent });
      else if (TRANSPARENT.includes(t)) visit(e.from, recurrent || e.recurrent, seen);
      else fixed.push(e.from);
    }
  };
  visit(name, false, new Set([name]));
  return { synaptic, fixed };
}

/** The output unit of a node; spiking nodes are 1 even before the walk reaches them. */
export function unitOf(walk: Walk, name: string): number | Float64Array {
  const u = walk.units.get(name);
  if (u !== undefined) return u;
  const node = walk.g.nodes.get(name)!;
  if (SPIKING.includes(node.type)) return 1;
  const ins = walk.g.incoming.get(name)!;
  if (TRANSPARENT.includes(node.type) && ins.length > 0) return unitOf(walk, ins[0]!.from);
  throw new DynalignError(
    'E_QUANT_GRAPH',
    'cannot tell the unit of this node before it is quantised',
    {
      field: name,
      fix: 'recurrent loops must pass through a spiking neuron',
    },
  );
}
