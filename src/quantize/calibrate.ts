// Calibration on data: run the float network on a few encoded inputs (the trajectories of the
// model's own encoder, so its own δ and mode) and keep what each synaptic layer receives, to
// size the input scale and to score candidate weight scales by the error of the input currents.
import type { IrModel } from '../ir/model.js';
import type { EncodedSet } from '../encoding/encoder.js';
import { Runner } from '../emulator/runner.js';
import { buildPlan } from '../emulator/plan.js';
import { convEvents, denseEvents } from '../emulator/kernels/synapse.js';
import type { ConvOp, DenseOp, Plan } from '../emulator/plan-types.js';
import { FLOAT_PROFILE } from './profiles/float.js';
import { absPercentile, quantizeWeight } from './scale.js';
import type { WeightFormat } from './profile.js';
import type { Rounding } from './arith.js';

/** Input vectors seen by each synaptic node (dense, conv), at most `maxVectors` each. */
export interface Captured {
  plan: Plan;
  vectors: Map<string, Float64Array[]>;
}

/** Run `set` through the float plan of `model`, keeping up to maxVectors inputs per layer. */
export function captureLayerInputs(
  model: IrModel,
  set: EncodedSet,
  n: number,
  maxVectors = 256,
): Captured {
  const plan = buildPlan(model, FLOAT_PROFILE);
  const runner = new Runner(plan);
  const vectors = new Map<string, Float64Array[]>();
  const sink = {
    input(k: number, x: Float64Array | Int32Array): void {
      const name = plan.nodes[k]!.name;
      const list = vectors.get(name) ?? [];
      if (list.length < maxVectors) list.push(Float64Array.from(x));
      vectors.set(name, list);
    },
  };
  const stride = set.steps * set.channels;
  for (let i = 0; i < Math.min(n, set.n); i++)
    runner.runSample(set.data, i * stride, set.steps, sink);
  return { plan, vectors };
}

/** Scale of graded input values: the given percentile of |x| mapped onto the largest integer. */
export function inputScaleFromData(set: EncodedSet, n: number, bits: number, pct: number): number {
  const m = Math.min(n, set.n) * set.steps * set.channels;
  const top = absPercentile(set.data.subarray(0, m), pct);
  return top > 0 ? top / (2 ** (bits - 1) - 1) : 1;
}

/** Whether every calibration value is 0 or 1 (a spike raster rather than graded input). */
export function isBinary(set: EncodedSet, n: number): boolean {
  const m = Math.min(n, set.n) * set.steps * set.channels;
  for (let i = 0; i < m; i++) if (set.data[i] !== 0 && set.data[i] !== 1) return false;
  return true;
}

/**
 * Squared error of a layer's summed input over the captured vectors when its weights are
 * quantised at `scale`: Σ‖(W − scale·Q(W/scale)) x‖². Uses the emulator's own kernels.
 */
export function currentError(
  cap: Captured,
  name: string,
  f: WeightFormat,
  mode: Rounding,
): ((scale: number) => number) | undefined {
  const node = cap.plan.nodes.find((p) => p.name === name);
  const xs = cap.vectors.get(name);
  if (!node || !xs || xs.length === 0) return undefined;
  const op = node.op;
  if (op.kind !== 'dense' && op.kind !== 'conv') return undefined;
  const w = op.kind === 'dense' ? op.wt : op.w;
  const out = new Float64Array(node.size);
  const ev = new Int32Array(xs[0]!.length);
  return (scale: number) => {
    const dw = Float64Array.from(w, (x) => x - scale * quantizeWeight(x, scale, f, mode));
    const errOp: DenseOp | ConvOp =
      op.kind === 'dense' ? { ...op, wt: dw, bias: null } : { ...op, w: dw, bias: null };
    let e = 0;
    for (const x of xs) {
      let nev = 0;
      for (let i = 0; i < x.length; i++) if (x[i] !== 0) ev[nev++] = i;
      if (errOp.kind === 'dense') denseEvents(errOp, x, ev, nev, false, out);
      else convEvents(errOp, x, ev, nev, out);
      for (let j = 0; j < out.length; j++) e += out[j]! ** 2;
    }
    return e;
  };
}

/** The given percentile of |x| of every channel over the first n inputs of a set. */
export function channelRangesFromData(set: EncodedSet, n: number, pct: number): Float64Array {
  const frames = Math.min(n, set.n) * set.steps;
  const col = new Float64Array(frames);
  return Float64Array.from({ length: set.channels }, (_, c) => {
    for (let f = 0; f < frames; f++) col[f] = set.data[f * set.channels + c]!;
    return absPercentile(col, pct);
  });
}
