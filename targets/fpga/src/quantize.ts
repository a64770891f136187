// The fpga quantiser (README §2 "Quantiser"): a chain of float layers → the integers the core runs.
import type { IrModel } from '../../../src/ir/model.js';
import { extractChain, type Chain, type ChainLayer } from '../../../src/ir/chain.js';
import { DynalignError } from '../../../src/util/errors.js';
import {
  accBits,
  BETA_FRACTION_BITS,
  HEADROOM_BITS,
  MAX_LAYERS,
  SHIFT_MAX,
  SHIFT_MIN,
  type FpgaArch,
} from './arch.js';
import { INPUT_MAX } from './input-scale.js';
import { clampSigned, roundAway } from './round.js';

/** One layer in integers, with its place in the shared memories (README §4). */
export interface FpgaLayer {
  name: string;
  nIn: number;
  nOut: number;
  /** Weight words per row: ceil(nOut / lanes). */
  rows: number;
  wBase: number;
  nBase: number;
  /** Transposed weights [nIn][nOut]: row i is the fan-out of input i. */
  weightT: Int32Array;
  bias: Int32Array;
  theta: number;
  vReset: number;
  /** β_q (multiply form) or k (shift form). */
  leak: number;
  shift: number;
  /** Real value of one state unit and of one weight unit (in threshold units). */
  stateScale: number;
  weightScale: number;
}

export interface FpgaProgram {
  arch: FpgaArch;
  reset: 'subtract' | 'zero';
  nInputs: number;
  inputScale: Float64Array;
  layers: FpgaLayer[];
  /** Words of WMEM and BMEM/NMEM the program needs. */
  wmemWords: number;
  neurons: number;
}

/** Quantise a model's chain for an architecture, with per-channel input scales. */
export function quantizeProgram(
  model: IrModel,
  arch: FpgaArch,
  inputScale: Float64Array,
): FpgaProgram {
  const chain = readChain(model);
  if (chain.layers.length > MAX_LAYERS) {
    throw new DynalignError('E_FPGA_FIT', 'too many layers for the core', {
      field: 'graph',
      value: chain.layers.length,
      fix: `the layer table holds at most ${MAX_LAYERS} layers`,
    });
  }
  const disc = model.discretisation;
  const spikeValue = disc?.spikes === 'amplitude-over-dt' ? 1 / disc.dt : 1;
  let wBase = 0;
  let nBase = 0;
  const layers = chain.layers.map((l, k) => {
    // Layer 0 takes graded codes (× input scale); later layers take spikes of value 1, or 1/dt
    // when the model's spikes are Dirac deltas (Discretisation.spikes 'amplitude-over-dt').
    const x = k === 0 ? inputScale : new Float64Array(l.nIn).fill(spikeValue);
    const q = quantizeLayer(l, x, k === 0, arch, wBase, nBase);
    if (chain.reset === 'zero') checkSharedReset(l);
    wBase += q.nIn * q.rows;
    nBase += q.nOut;
    return q;
  });
  const { reset, nInputs } = chain;
  return { arch, reset, nInputs, inputScale, layers, wmemWords: wBase, neurons: nBase };
}

/** The chain view, with its TypeError turned into a usage error. */
export function readChain(model: IrModel): Chain {
  try {
    return extractChain(model);
  } catch (cause) {
    throw new DynalignError(
      'E_FPGA_GRAPH',
      `the FPGA core runs feed-forward LIF chains only: ${(cause as Error).message}`,
      {
        field: 'graph',
        fix: 'export Input → (Affine|Linear → LIF|IF)* → Output',
        cause,
      },
    );
  }
}

function quantizeLayer(
  l: ChainLayer,
  inputScale: Float64Array,
  graded: boolean,
  arch: FpgaArch,
  wBase: number,
  nBase: number,
): FpgaLayer {
  const beta = sharedBeta(l);

  // Step 1–2: normalise each neuron to θ = 1 and fold in the value of one input unit.
  const w = new Float64Array(l.nOut * l.nIn);
  const b = new Float64Array(l.nOut);
  const vr = new Float64Array(l.nOut);
  for (let j = 0; j < l.nOut; j++) {
    const th = l.vThreshold[j]!;
    if (!(th > 0)) {
      throw new DynalignError('E_FPGA_UNSUPPORTED', 'threshold must be positive', {
        field: `${l.neuronName}.v_threshold[${j}]`,
        value: th,
        fix: 'the core spikes when v > θ ≥ 1 unit; retrain with a positive threshold',
      });
    }
    const g = l.gain[j]! / th;
    for (let i = 0; i < l.nIn; i++)
      w[j * l.nIn + i] = g * l.weight[j * l.nIn + i]! * inputScale[i]!;
    b[j] = (l.gain[j]! * l.bias[j]! + (1 - l.beta[j]!) * l.vLeak[j]!) / th;
    vr[j] = l.vReset[j]! / th;
  }

  // Step 3: one symmetric weight scale per layer.
  const wMax = 2 ** (arch.weightBits - 1) - 1;
  let peak = 0;
  for (const x of w) peak = Math.max(peak, Math.abs(x));
  const sw = peak > 0 ? peak / wMax : 1;
  const weightT = new Int32Array(l.nIn * l.nOut);
  for (let j = 0; j < l.nOut; j++) {
    for (let i = 0; i < l.nIn; i++) weightT[i * l.nOut + j] = roundAway(w[j * l.nIn + i]! / sw);
  }
  checkAccumulator(l, weightT, graded, arch);

  // Step 4: the accumulator shift puts θ near 2^(S−3); θ, bias and v_r in state units.
  const target = 2 ** (arch.stateBits - HEADROOM_BITS);
  const sh = Math.min(SHIFT_MAX, Math.max(SHIFT_MIN, Math.ceil(Math.log2(1 / (sw * target)))));
  const sv = sw * 2 ** sh;
  const theta = Math.max(1, clampSigned(roundAway(1 / sv), arch.stateBits));
  const bias = Int32Array.from(b, (x) => clampSigned(roundAway(x / sv), arch.stateBits));
  const vReset = clampSigned(roundAway(vr[0]! / sv), arch.stateBits);
  return {
    name: l.neuronName,
    nIn: l.nIn,
    nOut: l.nOut,
    rows: Math.ceil(l.nOut / arch.lanes),
    wBase,
    nBase,
    weightT,
    bias,
    theta,
    vReset,
    leak: leakCode(beta, arch),
    shift: sh,
    stateScale: sv,
    weightScale: sw,
  };
}

// Step 5: β_q = round(256·β) or k = round(−log2(1 − β)) (README §2).
function leakCode(beta: number, arch: FpgaArch): number {
  if (arch.leak === 'multiply')
    return Math.min(
      2 ** BETA_FRACTION_BITS,
      Math.max(0, roundAway(beta * 2 ** BETA_FRACTION_BITS)),
    );
  if (beta >= 1) return 0;
  return Math.min(arch.stateBits - 1, Math.max(1, roundAway(-Math.log2(1 - beta))));
}

/** β shared by the whole layer (snnTorch learns one per layer); per-neuron β is refused. */
function sharedBeta(l: ChainLayer): number {
  const b0 = l.beta[0]!;
  for (let j = 1; j < l.nOut; j++) {
    if (Math.abs(l.beta[j]! - b0) > 1e-6 * Math.max(1, Math.abs(b0))) {
      throw new DynalignError(
        'E_FPGA_UNSUPPORTED',
        'the core has one leak per layer; this layer has one per neuron',
        {
          field: `${l.neuronName}.tau[${j}]`,
          value: l.beta[j],
          fix: `give every neuron of '${l.neuronName}' the same tau (β of neuron 0 is ${b0})`,
        },
      );
    }
  }
  if (b0 < 0 || b0 > 1) {
    throw new DynalignError('E_FPGA_UNSUPPORTED', 'per-step decay β must lie in [0, 1]', {
      field: `${l.neuronName}.tau`,
      value: b0,
      fix: 'use tau ≥ dt (Euler) so that 0 ≤ β ≤ 1',
    });
  }
  return b0;
}

/** Zero reset: one v_r per layer register, so every neuron must reset to the same v/θ. */
function checkSharedReset(l: ChainLayer): void {
  const r0 = l.vReset[0]! / l.vThreshold[0]!;
  for (let j = 1; j < l.nOut; j++) {
    const r = l.vReset[j]! / l.vThreshold[j]!;
    if (Math.abs(r - r0) > 1e-6 * Math.max(1, Math.abs(r0))) {
      throw new DynalignError('E_FPGA_UNSUPPORTED', 'the core has one reset value per layer', {
        field: `${l.neuronName}.v_reset[${j}]`,
        value: l.vReset[j],
        fix: `give every neuron of '${l.neuronName}' the same v_reset / v_threshold`,
      });
    }
  }
}

/** Refuse a layer whose worst-case sum could overflow the A-bit accumulator (README §2). */
function checkAccumulator(
  l: ChainLayer,
  weightT: Int32Array,
  graded: boolean,
  arch: FpgaArch,
): void {
  const limit = 2 ** (accBits(arch) - 1);
  const xMax = graded ? INPUT_MAX : 1;
  for (let j = 0; j < l.nOut; j++) {
    let sum = 0;
    for (let i = 0; i < l.nIn; i++) sum += Math.abs(weightT[i * l.nOut + j]!) * xMax;
    if (sum >= limit) {
      throw new DynalignError(
        'E_FPGA_FIT',
        "a neuron's worst-case input sum overflows the accumulator",
        {
          field: `${l.synapseName}.weight[${j}]`,
          value: sum,
          fix:
            `use --state-bits 24 (a ${accBits({ ...arch, stateBits: 24 })}-bit accumulator) ` +
            'or fewer inputs per neuron',
        },
      );
    }
  }
}
