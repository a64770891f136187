// Runs a graph on the input stored in a reference file (shared/fixtures/nir-lib/README.md layout)
// under each convention the file records, and compares every reference it can reproduce.
import type { Discretisation, IrModel } from '../model.js';
import { IrError } from '../errors.js';
import { type SimResult, simulate } from './simulate.js';

/** Float64 references (nir_euler) must agree to this, absolutely or relatively. */
export const FLOAT64_TOLERANCE = 1e-9;
/** snnTorch references are float32 runs: membranes agree to this (float32 rounding, 20 steps). */
export const FLOAT32_TOLERANCE = 1e-5;

export interface GoldenCheck {
  reference: string;
  status: 'matched' | 'mismatched' | 'skipped';
  /** What was compared, or why it was skipped, or the first difference. */
  detail: string;
  /** The discretisation the reference was run under. */
  discretisation?: Discretisation;
}

/** How each reference of the file layout was produced (see the fixtures' README). */
const CONVENTIONS: Record<string, { reset: Discretisation['reset']; tolerance: number }> = {
  nir_euler: { reset: 'zero', tolerance: FLOAT64_TOLERANCE },
  snntorch_native: { reset: 'subtract', tolerance: FLOAT32_TOLERANCE },
  snntorch_native_reset_zero: { reset: 'zero', tolerance: FLOAT32_TOLERANCE },
  snntorch_import: { reset: 'zero', tolerance: FLOAT32_TOLERANCE },
};

type Obj = Record<string, unknown>;

/** Compare every reproducible reference of a golden file; `ok` is false on any mismatch. */
export function runGolden(model: IrModel, golden: unknown): { checks: GoldenCheck[]; ok: boolean } {
  const g = asObject(golden, '');
  const dt = Number(asObject(g.simulation_convention, '/simulation_convention').dt);
  if (!(dt > 0)) {
    throw new IrError('E_GOLDEN', 'simulation_convention.dt must be > 0',
      '/simulation_convention/dt');
  }
  const input = Float64Array.from(flatNumbers(g.input, '/input'));
  const inputName = Object.entries(model.graph.nodes).find(([, n]) => n.type === 'Input')?.[0];
  if (!inputName) throw new IrError('E_GOLDEN', 'the graph has no Input node to feed', '/graph');

  const checks: GoldenCheck[] = [];
  for (const [name, ref] of Object.entries(asObject(g.reference, '/reference'))) {
    const conv = CONVENTIONS[name];
    if (typeof ref !== 'object' || ref === null) continue;
    if (!conv) {
      checks.push({ reference: name, status: 'skipped', detail: 'not a convention dynalign runs' });
      continue;
    }
    if ('error' in ref) {
      checks.push({ reference: name, status: 'skipped',
        detail: `the reference records a failure: ${String((ref as Obj).error)}` });
      continue;
    }
    const disc: Discretisation = { dt, integrator: 'euler', reset: conv.reset, spikes: 'unit' };
    const r = ref as Obj;
    const layers = Object.keys(asObject(r.layers ?? {}, `/reference/${name}/layers`));
    const outLayer = typeof r.output_layer === 'string' ? [r.output_layer] : [];
    const run = simulate(model, { [inputName]: input }, {
      discretisation: disc,
      record: [...layers, ...outLayer].filter((n) => n in model.graph.nodes),
    });
    checks.push({ reference: name, discretisation: disc, ...compare(run, r, conv.tolerance) });
  }
  return { checks, ok: checks.every((c) => c.status !== 'mismatched') };
}

function compare(run: SimResult, ref: Obj, tol: number): Pick<GoldenCheck, 'status' | 'detail'> {
  const out = Object.values(run.outputs)[0];
  if (!out) return { status: 'skipped', detail: 'the graph has no Output node' };
  const pairs: Array<[string, Float64Array, unknown, number]> = [];
  const spikes = ref.output_is_spikes === true ? 0 : tol;
  if (ref.output !== undefined) pairs.push(['output', out.output, ref.output, spikes]);
  if (ref.output_spikes !== undefined) {
    pairs.push(['output_spikes', out.output, ref.output_spikes, 0]);
  }
  const layerName = typeof ref.output_layer === 'string' ? ref.output_layer : undefined;
  if (ref.output_mem !== undefined && layerName && run.traces[layerName]?.state.v) {
    pairs.push(['output_mem', run.traces[layerName]!.state.v!, ref.output_mem, tol]);
  }
  for (const [layer, rec] of Object.entries((ref.layers ?? {}) as Record<string, Obj>)) {
    const trace = run.traces[layer];
    if (!trace) continue;
    const at = `layers.${layer}`;
    if (rec.spikes !== undefined) pairs.push([`${at}.spikes`, trace.output, rec.spikes, 0]);
    const { v, i } = trace.state;
    if (rec.mem !== undefined && v) pairs.push([`${at}.mem`, v, rec.mem, tol]);
    if (rec.syn !== undefined && i) pairs.push([`${at}.syn`, i, rec.syn, tol]);
  }
  if (pairs.length === 0) return { status: 'skipped', detail: 'no output this reference records' };
  const names: string[] = [];
  for (const [what, got, expected, tolerance] of pairs) {
    const values = flatNumbers(expected, what);
    // Another shape is a reference for another graph (bad input), not a numeric difference.
    if (got.length !== values.length) {
      throw new IrError('E_GOLDEN_SHAPE', `the graph gives ${got.length} values of ${what}, ` +
        `the reference has ${values.length}`, what, 'use the reference of this graph');
    }
    const diff = firstDifference(got, values, tolerance);
    if (diff) return { status: 'mismatched', detail: `${what}: ${diff}` };
    names.push(tolerance === 0 ? `${what} (exact)` : `${what} (max |Δ| ${maxDelta(got, values)})`);
  }
  return { status: 'matched', detail: names.join(', ') };
}

function maxDelta(got: Float64Array, expected: number[]): string {
  let m = 0;
  for (let k = 0; k < got.length; k++) m = Math.max(m, Math.abs(got[k]! - expected[k]!));
  return m.toExponential(1);
}

function firstDifference(got: Float64Array, expected: number[], tol: number): string | undefined {
  if (got.length !== expected.length) {
    return `${got.length} values, reference has ${expected.length}`;
  }
  for (let k = 0; k < got.length; k++) {
    const e = expected[k]!;
    const g = got[k]!;
    if (Math.abs(g - e) <= tol * Math.max(1, Math.abs(e))) continue;
    return `value ${k}: got ${g}, reference ${e}`;
  }
  return undefined;
}

function flatNumbers(j: unknown, path: string): number[] {
  const out: number[] = [];
  const walk = (x: unknown, depth: number): void => {
    if (typeof x === 'number' || typeof x === 'boolean') out.push(Number(x));
    else if (Array.isArray(x) && depth < 16) for (const y of x) walk(y, depth + 1);
    else throw new IrError('E_GOLDEN', `expected nested lists of numbers`, path);
  };
  walk(j, 0);
  return out;
}

function asObject(j: unknown, path: string): Obj {
  if (typeof j !== 'object' || j === null || Array.isArray(j)) {
    throw new IrError('E_GOLDEN', 'expected an object', path,
      'pass a reference file in the nir-lib layout');
  }
  return j as Obj;
}
