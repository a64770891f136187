// Float IR → integer IR for a numeric profile. Each synaptic node gets one weight scale and a
// power-of-two shift of its sum; each neuron node counts its state in units of its summed input,
// with the shift chosen so that the largest threshold sits `headroomBits` below the state's top.
import type { IrModel, IrNode } from '../ir/model.js';
import type { NdArray } from '../ir/tensor.js';
import { toFloat64 } from '../ir/tensor.js';
import type { EncodedSet } from '../encoding/encoder.js';
import { SNNTORCH_DISCRETISATION } from '../ir/chain.js';
import { isNeuronType, neuronCoeffs } from '../emulator/coeffs.js';
import { orderedModel } from '../emulator/plan.js';
import { windowOf } from '../emulator/shapes.js';
import { DynalignError } from '../util/errors.js';
import { roundBy, signedRange } from './arith.js';
import { captureLayerInputs, currentError, type Captured } from './calibrate.js';
import { foldNeuron, thresholdReach } from './fold.js';
import { chooseInputScale, type InputScaling } from './input-scale.js';
import type { NumericProfile } from './profile.js';
import type { QuantReport, SynapseReport } from './report.js';
import { PROFILE_META_KEY } from './resolve.js';
import { chooseScale, quantizeWeights, weightLimits, type ScaleMethod } from './scale.js';
import { feedersOf, isSynaptic, unitOf, type Decision, type Walk } from './walk.js';

export interface QuantizeOptions {
  /** Weight scale method; default 'calibrated' with calibration data, else 'max-abs'. */
  method?: ScaleMethod;
  /** Percentile of |w| for the 'percentile' method (default 99.9). */
  percentile?: number;
  /** Encoded inputs of the model's own encoder (its δ) for calibration. */
  calibration?: EncodedSet;
  calibrationSamples?: number;
  /** Real value of one input unit; overrides every other way of choosing it. */
  inputScale?: number;
  /** Percentile of |x| the input range covers when calibrating (default 99.99). */
  inputPercentile?: number;
  /** Input integers: one step, a power-of-two step per channel, or mantissa·2^e (default). */
  inputScaling?: InputScaling;
}

/** Quantise a model for an integer profile; the float profile returns a stamped copy. */
export function quantizeModel(
  model: IrModel,
  profile: NumericProfile,
  opts: QuantizeOptions = {},
): { model: IrModel; report: QuantReport } {
  const out = structuredClone(model);
  out.graph.metadata[PROFILE_META_KEY] = {
    kind: 'string',
    value: JSON.stringify({ name: profile.name, id: profile.id, config: profile.config }),
  };
  const report: QuantReport = { profile: profile.id, synapses: [], neurons: [], notes: [] };
  if (profile.kind === 'float') return { model: out, report };

  const { g, shapes } = orderedModel(out);
  const nCal = opts.calibrationSamples ?? opts.calibration?.n ?? 0;
  const cap =
    opts.calibration && nCal > 0 ? captureLayerInputs(model, opts.calibration, nCal) : undefined;
  const walk: Walk = { g, shapes, units: new Map(), decisions: new Map() };
  const method: ScaleMethod = opts.method ?? (cap ? 'calibrated' : 'max-abs');
  const inputName = g.order[0]!;
  const channels = sizeOfName(walk, inputName);
  const inScale = chooseInputScale(out, profile, channels, opts, opts.calibration, nCal);
  report.input = inScale;
  walk.units.set(inputName, inScale.scale);
  const inParams: Record<string, NdArray> = {};
  if (inScale.shifts)
    inParams.input_shift = { dtype: 'int32', shape: [channels], data: inScale.shifts };
  if (inScale.exponentMax > 0) {
    inParams.input_exponent_max = {
      dtype: 'int32',
      shape: [1],
      data: Int32Array.of(inScale.exponentMax),
    };
  }
  setQuant(g.nodes.get(inputName)!, profile, inParams, { input: inScale.scale });
  const disc = out.discretisation ?? SNNTORCH_DISCRETISATION;
  const scaleOf = (name: string) =>
    layerScale(walk, name, profile, method, opts.percentile ?? 99.9, cap);

  // Forward pass: each neuron fixes its unit and the scale and shift of every synapse feeding it.
  for (const name of g.order.slice(1)) {
    const node = g.nodes.get(name)!;
    if (isNeuronType(node.type)) {
      const c = neuronCoeffs(node, name, sizeOfName(walk, name), disc);
      const u = decideFeeders(walk, name, thresholdReach(c), profile, scaleOf);
      const fold = foldNeuron(name, c, u, profile);
      setQuant(node, profile, fold.intParams, { input: u, v: fold.report.stateUnit });
      report.neurons.push(fold.report);
      const uniform = fold.vUnit.every((x) => x === fold.vUnit[0]);
      walk.units.set(name, c.spiking ? 1 : uniform ? fold.vUnit[0]! : fold.vUnit);
    } else if (node.type === 'Threshold') {
      quantizeThreshold(walk, name, node, profile);
    } else if (!isSynaptic(node.type)) {
      walk.units.set(name, passUnit(walk, name, node));
    }
  }

  // Then write every synaptic node (those feeding no neuron keep shift 0).
  for (const name of g.order) {
    const node = g.nodes.get(name)!;
    if (!isSynaptic(node.type)) continue;
    const sx = () => scalarUnit(walk, sourceOf(walk, name), name);
    const d = walk.decisions.get(name) ?? { scale: scaleOf(name), shift: 0, sx: sx() };
    report.synapses.push(writeSynapse(walk, name, node, d, profile));
  }
  return { model: out, report };
}

function sizeOfName(walk: Walk, name: string): number {
  return walk.shapes.get(name)!.reduce((a, b) => a * b, 1);
}

function sourceOf(walk: Walk, name: string): string {
  const ins = walk.g.incoming.get(name)!;
  return (ins.find((e) => !e.recurrent) ?? ins[0]!).from;
}

/** A Threshold node compares its input in that input's units; it emits spikes (unit 1). */
function quantizeThreshold(walk: Walk, name: string, node: IrNode, profile: NumericProfile): void {
  const u = scalarUnit(walk, sourceOf(walk, name), name);
  const theta = toFloat64(weightOfKey(node, name, 'threshold'));
  const q = Int32Array.from(theta, (x) => roundBy(x / u, profile.paramRounding));
  setQuant(
    node,
    profile,
    { threshold: { dtype: 'int32', shape: [q.length], data: q } },
    { input: u },
  );
  walk.units.set(name, 1);
}

function weightOfKey(node: IrNode, name: string, key: string): NdArray {
  const p = node.params[key];
  if (!p || typeof p === 'string') {
    throw new DynalignError('E_GRAPH', `node has no numeric '${key}'`, { field: `${name}.${key}` });
  }
  return p;
}

function passUnit(walk: Walk, name: string, node: IrNode): number | Float64Array {
  const u = unitOf(walk, sourceOf(walk, name));
  if (node.type !== 'AvgPool2d') return u;
  const win = windowOf(name, node, walk.shapes.get(sourceOf(walk, name))!);
  return typeof u === 'number' ? u / (win.kh * win.kw) : u.map((x) => x / (win.kh * win.kw));
}

function layerScale(
  walk: Walk,
  name: string,
  profile: NumericProfile,
  method: ScaleMethod,
  pct: number,
  cap: Captured | undefined,
): number {
  const node = walk.g.nodes.get(name)!;
  const w = toFloat64(weightOf(node, name));
  const err =
    method === 'calibrated' && cap
      ? currentError(cap, name, profile.weight, profile.paramRounding)
      : undefined;
  return chooseScale(w, profile.weight, method, pct, err);
}

function weightOf(node: IrNode, name: string): NdArray {
  return weightOfKey(node, name, node.type === 'Scale' ? 'scale' : 'weight');
}

/** Decide unit u of a neuron's summed input and the (scale, shift) of every feeding synapse. */
function decideFeeders(
  walk: Walk,
  neuron: string,
  reach: number,
  profile: NumericProfile,
  scaleOf: (name: string) => number,
): number {
  const { synaptic, fixed } = feedersOf(walk, neuron);
  const { weight } = profile;
  const clampShift = (k: number) => Math.min(weight.shiftMax, Math.max(weight.shiftMin, k));
  const decided = synaptic.map((s) => walk.decisions.get(s.name)).find((d) => d !== undefined);
  let u: number;
  if (fixed.length > 0) u = scalarUnit(walk, fixed[0]!, neuron);
  else if (decided) u = decided.scale * decided.sx * 2 ** decided.shift;
  else {
    const first = synaptic.find((s) => !s.recurrent) ?? synaptic[0]!;
    const sx = scalarUnit(walk, sourceOf(walk, first.name), first.name);
    const s = scaleOf(first.name);
    const target = 2 ** (profile.state.bits - 1 - profile.headroomBits);
    const k = reach > 0 ? clampShift(Math.ceil(Math.log2(reach / (s * sx) / target))) : 0;
    walk.decisions.set(first.name, { scale: s, shift: k, sx });
    u = s * sx * 2 ** k;
  }

  // Other feeders align to u with a power-of-two shift, keeping their weights within the width.
  const qmax = weightLimits(weight).max;
  for (const f of synaptic) {
    const sx = scalarUnit(walk, sourceOf(walk, f.name), f.name);
    const have = walk.decisions.get(f.name);
    if (have) {
      if (Math.abs(have.scale * have.sx * 2 ** have.shift - u) > 1e-12 * u) {
        throw new DynalignError(
          'E_QUANT_GRAPH',
          'a synaptic node feeds neurons that need different units',
          {
            field: f.name,
            fix: 'give each neuron layer its own synaptic node',
          },
        );
      }
      continue;
    }
    const maxW = toFloat64(weightOf(walk.g.nodes.get(f.name)!, f.name)).reduce(
      (a, b) => Math.max(a, Math.abs(b)),
      0,
    );
    const k = maxW === 0 ? 0 : clampShift(Math.floor(Math.log2((u * qmax) / (sx * maxW))));
    walk.decisions.set(f.name, { scale: u / (sx * 2 ** k), shift: k, sx });
  }
  return u;
}

function scalarUnit(walk: Walk, name: string, user: string): number {
  const u = unitOf(walk, name);
  if (typeof u === 'number') return u;
  throw new DynalignError(
    'E_QUANT_GRAPH',
    'the values feeding this node have a different unit per neuron',
    {
      field: user,
      value: name,
      fix:
        'give the non-spiking layer one tau and r for all neurons, ' +
        'or run it in the float profile',
    },
  );
}

function setQuant(
  node: IrNode,
  profile: NumericProfile,
  intParams: Record<string, NdArray>,
  scales: Record<string, number>,
): void {
  const others = (node.quantization ?? []).filter((q) => q.profile !== profile.id);
  node.quantization = [...others, { profile: profile.id, intParams, scales }];
}

function writeSynapse(
  walk: Walk,
  name: string,
  node: IrNode,
  d: Decision,
  profile: NumericProfile,
): SynapseReport {
  const u = d.scale * d.sx * 2 ** d.shift;
  const w = weightOf(node, name);
  const { q, stats } = quantizeWeights(
    toFloat64(w),
    d.scale,
    profile.weight,
    profile.paramRounding,
  );
  const dtype = profile.weight.bits <= 8 ? 'int8' : profile.weight.bits <= 16 ? 'int16' : 'int32';
  const data = dtype === 'int8' ? Int8Array.from(q) : dtype === 'int16' ? Int16Array.from(q) : q;
  const intParams: Record<string, NdArray> = {
    [node.type === 'Scale' ? 'scale' : 'weight']: { dtype, shape: [...w.shape], data },
    shift: { dtype: 'int32', shape: [1], data: Int32Array.of(d.shift) },
  };
  const b = node.params.bias;
  let biasClipped = 0;
  if (b && typeof b !== 'string' && node.type !== 'Linear') {
    const { min, max } = signedRange(profile.state.bits);
    const raw = Array.from(toFloat64(b), (x) => roundBy(x / u, profile.paramRounding));
    const clipped = raw.map((x) => Math.min(max, Math.max(min, x)));
    biasClipped = raw.filter((x, i) => x !== clipped[i]).length;
    intParams.bias = { dtype: 'int32', shape: [clipped.length], data: Int32Array.from(clipped) };
  }
  setQuant(node, profile, intParams, { weight: d.scale, input: d.sx, output: u });
  walk.units.set(name, u);
  return {
    name,
    type: node.type,
    scale: d.scale,
    shift: d.shift,
    weights: q.length,
    biasClipped,
    ...stats,
  };
}
