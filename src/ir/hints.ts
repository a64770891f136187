// Which exporter a graph's numbers suggest (NIR docs §3): snnTorch and Lava-dl write r = τ/dt
// (so dt = τ/r is one constant), Norse, Sinabs and the NIR API write r = 1. A hint, never a rule.
import type { Discretisation, IrGraph, IrNode } from './model.js';
import { values } from './primitives/fields.js';

/** Relative spread under which τ/r counts as one constant. */
const SAME = 1e-6;

/** Sentences naming the export convention the leaky neurons' r values match, if any. */
export function exporterHints(graph: IrGraph, stated?: Discretisation): string[] {
  const leaky = neurons(graph, 0).filter((n) => n.type === 'LIF' || n.type === 'CubaLIF' ||
    n.type === 'LI' || n.type === 'CubaLI');
  if (leaky.length === 0) return [];
  const ratios: number[] = [];
  let unit = true;
  for (const n of leaky) {
    const tau = values(n, n.type.startsWith('Cuba') ? 'tau_mem' : 'tau');
    const r = values(n, 'r');
    r.forEach((x, j) => {
      unit &&= x === 1;
      ratios.push((tau[j] ?? tau[0]!) / x);
    });
  }
  if (unit) return [unitHint(stated)];
  const dt = ratios[0]!;
  if (ratios.every((x) => Math.abs(x - dt) <= SAME * Math.abs(dt))) return [ratioHint(dt, stated)];
  return [];
}

/** The r = 1 convention; dt and reset come from the file when it records them. */
function unitHint(stated: Discretisation | undefined): string {
  const head = 'r = 1 everywhere: the Norse / Sinabs / NIR-API convention. ';
  if (!stated) {
    return head + 'Norse picks dt at import (default 1e-3 s); Sinabs counts τ in steps ' +
      '(dt = 1); both may subtract on reset';
  }
  return head + `The file records dt = ${stated.dt} s and reset = ${stated.reset}, so no ` +
    'framework default is needed';
}

/** The r = τ/dt convention, checked against the dt and reset the file records, if any. */
function ratioHint(dt: number, stated: Discretisation | undefined): string {
  const head = `r = τ/dt with one dt = ${dt.toPrecision(6)} s: the snnTorch / Lava-dl export ` +
    'convention (forward Euler); ';
  if (!stated) return head + 'snnTorch models usually reset by subtraction, which the file ' +
    'cannot say';
  const agrees = Math.abs(stated.dt - dt) <= SAME * Math.abs(dt);
  const dtText = agrees
    ? `the recorded dt = ${stated.dt} s agrees`
    : `the recorded dt = ${stated.dt} s differs, so check which one the network was trained with`;
  return head + `${dtText}; the file records reset = ${stated.reset}`;
}

function neurons(graph: IrGraph, depth: number): IrNode[] {
  const out: IrNode[] = [];
  for (const node of Object.values(graph.nodes)) {
    out.push(node);
    if (node.graph && depth < 32) out.push(...neurons(node.graph, depth + 1));
  }
  return out;
}
