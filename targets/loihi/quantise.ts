// Trained model → Loihi integers (netx dense layers of CUBA neurons). Per layer one real scale S
// maps float membrane units to a-units (the Dense output): weights w·gain·S_w, threshold θ·S,
// bias b·gain·S with netx's bias_exp 6, dv = 4096·(1 − β), iDecay 4096 (no synaptic current).
// An analog first layer takes graded payloads x·s_x, so S = S_w·s_x there.
import type { IrModel } from '../../src/ir/model.js';
import type { ChainLayer } from '../../src/ir/chain.js';
import { DynalignError } from '../../src/util/errors.js';
import { BIAS_MANT_MAX, BIAS_MANT_MIN, DECAY_UNITY, roundHalfEven, VTH_MAX } from './profile.js';
import type { NetxDense, NetxDescription, NetxRunOptions } from './netx-model.js';
import { readChain } from './primitives.js';
import { calibrateStepGains, GAIN_PERCENTILE, stepGainsMismatch } from './step-gains.js';
import type { StepGains } from './step-gains.js';
import { realisedWeights } from './weight-loss.js';

/** Largest stored weight magnitude: mixed weights in [−254, 254] survive netx and Lava exactly. */
export const WEIGHT_LIMIT = 254;

export type DecayRule = 'euler' | 'exact';

export interface QuantiseOptions {
  /** dt/τ (Euler) or 1 − e^(−dt/τ) (exact); default: the model's integrator. */
  decayRule?: DecayRule;
  /** Payload bits of the graded input (Lava graded spikes: 8, 16 or 24). */
  inputBits: number;
  /** log2 of how far the drive may exceed the threshold before u wraps: vth ≤ 2^(17−h). */
  headroomBits: number;
  /** Largest share of Σ|w| that rounding to 8 bits may lose in a layer. */
  maxWeightLoss: number;
  /** Largest |x| the analog input must carry unclamped; undefined: only head room sets s_x. */
  inputMaxAbs?: number;
  /** Time steps per inference: the LIFReset interval. */
  steps: number;
  /** Share of first-layer drives per step kept inside u by the step gains (1: no gains). */
  gainPercentile?: number;
}

/** What quantising one layer did, for the manifest and the compile notes. */
export interface LayerReport {
  name: string;
  synapse: string;
  nIn: number;
  nOut: number;
  /** a-units per float unit of weight and of membrane potential. */
  weightScale: number;
  stateScale: number;
  du: number;
  dv: number;
  vth: number;
  /** Share of Σ|w| lost to 8-bit rounding (after netx and Lava's truncation). */
  weightLoss: number;
  biasClipped: number;
}

export interface LoihiQuantisation {
  desc: NetxDescription;
  run: NetxRunOptions;
  graded: boolean;
  /** Graded payload at step t = round_half_even(x · inputScale · gains[t]), clamped. */
  inputScale: number;
  stepGains: StepGains;
  inputBits: number;
  decayRule: DecayRule;
  steps: number;
  layers: LayerReport[];
  /** Behaviour Loihi forces that differs from the trained model, one sentence each. */
  mismatches: string[];
}

/** Quantise a chain model for Loihi; throws DynalignError (exit 2) when it cannot be expressed. */
export function quantiseForLoihi(
  model: IrModel,
  opts: QuantiseOptions,
  file?: string,
): LoihiQuantisation {
  const disc = model.discretisation;
  const decayRule = opts.decayRule ?? disc?.integrator ?? 'euler';
  const chain = readChain(
    { ...model, discretisation: disc && { ...disc, integrator: decayRule } },
    file,
  );
  const graded = model.encoder !== undefined;
  const vthCap = 2 ** (17 - opts.headroomBits);
  const mismatches: string[] = [];
  if (chain.reset === 'subtract') {
    mismatches.push(
      'reset: the model subtracts the threshold on a spike, Loihi sets v to 0 (emulate reports ' +
        'the accuracy cost; retrain with `dynalign train --reset zero` to avoid it)',
    );
  }

  // Input scale of the analog layer: what the state scale leaves after 8-bit weights, and the
  // payload width when the largest input is given.
  const first = chain.layers[0]!;
  const payloadMax = 2 ** (opts.inputBits - 1) - 1;
  const sx0 = stateCap(first, vthCap) / (WEIGHT_LIMIT / maxAbsGain(first));
  const inputScale = graded ? Math.min(sx0, payloadMax / (opts.inputMaxAbs ?? 0)) : 1;

  const layers: NetxDense[] = [];
  const reports: LayerReport[] = [];
  chain.layers.forEach((l, k) => {
    const sIn = k === 0 ? inputScale : 1;
    const { dense, report } = quantiseLayer(l, sIn, vthCap, opts, mismatches, file);
    layers.push(dense);
    reports.push(report);
  });
  const run = {
    inputMessageBits: graded ? opts.inputBits : 0,
    resetInterval: opts.steps,
    resetOffset: 1,
  };
  const desc = { inputShape: [chain.nInputs], layers };
  const steps = opts.steps;
  const percentile = graded ? (opts.gainPercentile ?? GAIN_PERCENTILE) : 1;
  const stepGains = calibrateStepGains(model, first, reports[0]!.stateScale, steps, percentile);
  const gainNote = stepGainsMismatch(stepGains.gains);
  if (gainNote) mismatches.push(gainNote);
  return {
    desc,
    run,
    graded,
    inputScale,
    stepGains,
    inputBits: opts.inputBits,
    decayRule,
    steps: opts.steps,
    layers: reports,
    mismatches,
  };
}

/** Per-step drive that does not depend on the input: gain·b + (1 − β)·v_leak, per neuron. */
function constantDrive(l: ChainLayer): Float64Array {
  const theta = Math.max(...l.vThreshold);
  return Float64Array.from(
    l.bias,
    (b, i) => (l.gain[i]! * b + (1 - l.beta[i]!) * l.vLeak[i]!) * (theta / l.vThreshold[i]!),
  );
}

/**
 * Largest state scale S (a-units per float unit) a layer allows: the threshold θ·S must leave
 * the head room below 2^17, and the bias c·S must fit bias_mant's 13 bits (netx fixes
 * bias_exp at 6, so a bias is bias_mant a-units).
 */
function stateCap(l: ChainLayer, vthCap: number): number {
  let c = 0;
  for (const x of constantDrive(l)) c = Math.max(c, Math.abs(x));
  const theta = Math.max(...l.vThreshold);
  return Math.min(vthCap / theta, c > 0 ? BIAS_MANT_MAX / c : Infinity);
}

function maxAbsGain(l: ChainLayer): number {
  const theta = Math.max(...l.vThreshold);
  let m = 0;
  for (let i = 0; i < l.nOut; i++) {
    const rowScale = theta / l.vThreshold[i]!;
    for (let j = 0; j < l.nIn; j++)
      m = Math.max(m, Math.abs(l.weight[i * l.nIn + j]! * l.gain[i]! * rowScale));
  }
  return m;
}

function quantiseLayer(
  l: ChainLayer,
  sIn: number,
  vthCap: number,
  opts: QuantiseOptions,
  mismatches: string[],
  file?: string,
): { dense: NetxDense; report: LayerReport } {
  const fail = (field: string, value: unknown, message: string, fix: string): never => {
    throw new DynalignError('E_LOIHI_QUANTISE', message, {
      file,
      field: `nodes/${field}`,
      value,
      fix,
    });
  };

  // One dv and one vth per population (§1.1): β must be shared; thresholds are equalised by
  // scaling each neuron's row (exact in reals for both reset rules).
  const [bMin, bMax] = [Math.min(...l.beta), Math.max(...l.beta)];
  if (bMax - bMin > 1e-9) {
    fail(
      `${l.neuronName}/tau`,
      { min: bMin, max: bMax },
      'Loihi has one voltage decay per population',
      'train with one beta per layer',
    );
  }
  const theta = Math.max(...l.vThreshold);
  if (!(theta > 0) || l.vThreshold.some((v) => !(v > 0))) {
    fail(
      `${l.neuronName}/v_threshold`,
      Math.min(...l.vThreshold),
      'Loihi thresholds are positive',
      'use v_threshold > 0',
    );
  }
  if (l.vReset.some((v) => v !== 0)) {
    mismatches.push(`${l.neuronName}: v_reset ≠ 0 in the model, Loihi resets v to 0`);
  }
  const rowScale = Float64Array.from(l.vThreshold, (v) => theta / v);
  const maxA = maxAbsGain(l);
  if (maxA === 0) fail(`${l.synapseName}/weight`, 0, 'all weights are zero', 'remove the layer');

  // Scales: 8-bit weights unless the threshold head room or the bias range forces fewer bits.
  const weightScale = Math.min(WEIGHT_LIMIT / maxA, stateCap(l, vthCap) / sIn);
  const stateScale = weightScale * sIn;
  if (weightScale < (WEIGHT_LIMIT / maxA) * (1 - 1e-12)) {
    const bits = (Math.log2(weightScale * maxA) + 1).toFixed(1);
    mismatches.push(
      `${l.neuronName}: threshold head room and 13-bit bias leave weights ${bits} bits`,
    );
  }
  const vth = roundHalfEven(theta * stateScale);
  if (vth < 1 || vth > VTH_MAX) {
    fail(
      `${l.neuronName}/v_threshold`,
      vth,
      'threshold does not fit 17 bits at this scale',
      'lower the head room bits or rescale the weights',
    );
  }
  const dv = Math.min(DECAY_UNITY, Math.max(0, roundHalfEven(DECAY_UNITY * (1 - l.beta[0]!))));

  // Integers: weights, bias (v_leak folded in) clamped to 13 bits.
  const weight = new Float32Array(l.nOut * l.nIn);
  const ideal = new Float64Array(l.nOut * l.nIn);
  const bias = new Float32Array(l.nOut);
  let biasClipped = 0;
  const drive = constantDrive(l);
  for (let i = 0; i < l.nOut; i++) {
    for (let j = 0; j < l.nIn; j++) {
      const o = i * l.nIn + j;
      ideal[o] = l.weight[o]! * l.gain[i]! * rowScale[i]! * weightScale;
      weight[o] = roundHalfEven(ideal[o]!);
    }
    const b = roundHalfEven(drive[i]! * stateScale);
    bias[i] = Math.min(BIAS_MANT_MAX, Math.max(BIAS_MANT_MIN, b));
    if (bias[i] !== b) biasClipped++;
  }
  if (biasClipped > 0) mismatches.push(`${l.neuronName}: ${biasClipped} biases clipped to 13 bits`);

  // What survives netx and Lava's Dense, as a share of the ideal weights.
  const weightLoss = lossShare(ideal, realisedWeights(weight, l.synapseName));
  if (weightLoss > opts.maxWeightLoss) {
    fail(
      `${l.synapseName}/weight`,
      { loss: Number(weightLoss.toFixed(4)), limit: opts.maxWeightLoss },
      '8-bit weights with one exponent lose too much of the signal',
      'clip outlier weights or retrain with weight decay; --max-weight-loss raises the limit',
    );
  }
  const neuron = {
    type: 'CUBA' as const,
    iDecay: DECAY_UNITY,
    vDecay: dv,
    vThMant: vth,
    refDelay: 1,
    gradedSpike: false,
  };
  const dense: NetxDense = {
    type: 'dense',
    name: l.neuronName,
    outFeatures: l.nOut,
    inFeatures: l.nIn,
    neuron,
    weight,
    bias,
  };
  const report: LayerReport = {
    name: l.neuronName,
    synapse: l.synapseName,
    nIn: l.nIn,
    nOut: l.nOut,
    weightScale,
    stateScale,
    du: DECAY_UNITY - 1,
    dv,
    vth,
    weightLoss,
    biasClipped,
  };
  return { dense, report };
}

function lossShare(ideal: Float64Array, realised: Float64Array): number {
  let err = 0;
  let sum = 0;
  for (let i = 0; i < ideal.length; i++) {
    err += Math.abs(realised[i]! - ideal[i]!);
    sum += Math.abs(ideal[i]!);
  }
  return sum === 0 ? 0 : err / sum;
}
