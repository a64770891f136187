// snnTorch Leaky over all time steps of one layer, forward and backward, on time-major
// [T][B][N] arrays (row t·B + b). Semantics, per neuron, with s the spike of the previous step:
//   subtract: mem[t] = β·mem[t−1] + I[t] − s[t−1]·θ
//   zero:     mem[t] = β·(1 − s[t−1])·mem[t−1] + I[t]
//   s[t] = 1 when mem[t] > θ (strictly; snnTorch's Heaviside is input > 0), mem[−1] = s[−1] = 0.
// The reset term uses a detached spike, as snnTorch's mem_reset does.

export type ResetMode = 'subtract' | 'zero';

/** Largest β a layer may hold: β = 1 would make NIR's tau = dt/(1−β) infinite. */
export const BETA_MAX = 1 - 2 ** -20;

/** Arctan surrogate slope; snnTorch's default ATan alpha. */
export const ATAN_ALPHA = 2;

/** snnTorch ATan backward: dS/dU = (α/2) / (1 + (π/2·α·U)²). */
export function atanSurrogate(u: number): number {
  const x = (Math.PI / 2) * ATAN_ALPHA * u;
  return ATAN_ALPHA / 2 / (1 + x * x);
}

/** What the forward pass keeps for the backward pass. */
export interface LifTrace {
  mem: Float32Array;
  spk: Float32Array;
}

/** Forward over T steps; `cur` is W·x without bias, the bias is added here. */
export function lifForward(
  cur: Float32Array,
  bias: Float32Array,
  steps: number,
  batch: number,
  n: number,
  beta: number,
  theta: number,
  reset: ResetMode,
): LifTrace {
  const mem = new Float32Array(cur.length);
  const spk = new Float32Array(cur.length);
  const frame = batch * n;
  const isSubtract = reset === 'subtract';
  for (let t = 0; t < steps; t++) {
    for (let r = 0; r < batch; r++) {
      const row = t * frame + r * n;
      if (t === 0) firstStep(cur, bias, mem, spk, row, n, theta);
      else if (isSubtract) subtractStep(cur, bias, mem, spk, row, frame, n, beta, theta);
      else zeroStep(cur, bias, mem, spk, row, frame, n, beta, theta);
    }
  }
  return { mem, spk };
}

// Row helpers, one per case, so that each inner loop is branch-free and monomorphic.
function firstStep(
  cur: Float32Array,
  bias: Float32Array,
  mem: Float32Array,
  spk: Float32Array,
  row: number,
  n: number,
  theta: number,
): void {
  for (let j = 0; j < n; j++) {
    mem[row + j] = cur[row + j]! + bias[j]!;
    spk[row + j] = mem[row + j]! > theta ? 1 : 0;
  }
}

function subtractStep(
  cur: Float32Array,
  bias: Float32Array,
  mem: Float32Array,
  spk: Float32Array,
  row: number,
  frame: number,
  n: number,
  beta: number,
  theta: number,
): void {
  const prev = row - frame;
  for (let j = 0; j < n; j++) {
    mem[row + j] = beta * mem[prev + j]! + (cur[row + j]! + bias[j]!) - spk[prev + j]! * theta;
    spk[row + j] = mem[row + j]! > theta ? 1 : 0;
  }
}

function zeroStep(
  cur: Float32Array,
  bias: Float32Array,
  mem: Float32Array,
  spk: Float32Array,
  row: number,
  frame: number,
  n: number,
  beta: number,
  theta: number,
): void {
  const prev = row - frame;
  for (let j = 0; j < n; j++) {
    mem[row + j] = beta * (1 - spk[prev + j]!) * mem[prev + j]! + (cur[row + j]! + bias[j]!);
    spk[row + j] = mem[row + j]! > theta ? 1 : 0;
  }
}

/** Gradients of one layer's neuron parameters and of its input current. */
export interface LifGrads {
  /** dL/dI, [T][B][N]; also the gradient of W·x + b. */
  gCur: Float32Array;
  gBias: Float32Array;
  gBeta: number;
  gTheta: number;
}

/**
 * Backpropagation through time of lifForward given dL/ds (and optionally dL/dmem) per step. The surrogate is
 * applied at mem − θ; the gradient reaches θ through the spike and through the reset term
 * (subtract mode), β through the leak.
 */
export function lifBackward(
  gSpk: Float32Array,
  trace: LifTrace,
  steps: number,
  batch: number,
  n: number,
  beta: number,
  theta: number,
  reset: ResetMode,
  gMem?: Float32Array,
): LifGrads {
  // dL/dmem from outside (a loss on the membrane) seeds the gradient of each step.
  const gCur = gMem ? gMem.slice() : new Float32Array(gSpk.length);
  const gBias = new Float64Array(n);
  // acc[0] accumulates dL/dβ, acc[1] dL/dθ.
  const acc = new Float64Array(2);
  const frame = batch * n;
  const isSubtract = reset === 'subtract' ? 1 : 0;
  for (let t = steps - 1; t >= 0; t--) {
    for (let r = 0; r < batch; r++) {
      const row = t * frame + r * n;
      const hasNext = t + 1 < steps ? 1 : 0;
      const hasPrev = t > 0;
      backwardRow(
        gSpk,
        trace,
        gCur,
        gBias,
        acc,
        row,
        frame,
        n,
        beta,
        theta,
        isSubtract,
        hasNext,
        hasPrev,
      );
    }
  }
  return { gCur, gBias: Float32Array.from(gBias), gBeta: acc[0]!, gTheta: acc[1]! };
}

// One row of lifBackward. The carry from mem[t+1] multiplies mem[t] by β (subtract) or by
// β·(1 − s[t]) (zero); the reset term −s[t−1]·θ sends −s[t−1] to θ in subtract mode only.
function backwardRow(
  gSpk: Float32Array,
  trace: LifTrace,
  gCur: Float32Array,
  gBias: Float64Array,
  acc: Float64Array,
  row: number,
  frame: number,
  n: number,
  beta: number,
  theta: number,
  isSubtract: number,
  hasNext: number,
  hasPrev: boolean,
): void {
  const { mem, spk } = trace;
  const k = (Math.PI / 2) * ATAN_ALPHA;
  const half = ATAN_ALPHA / 2;
  const next = hasNext ? row + frame : row;
  const prev = hasPrev ? row - frame : row;
  let gBeta = 0;
  let gTheta = 0;
  for (let j = 0; j < n; j++) {
    const i = row + j;
    const u = k * (mem[i]! - theta);
    const sg = (gSpk[i]! * half) / (1 + u * u);
    const keep = isSubtract + (1 - isSubtract) * (1 - spk[i]!);
    const gm = sg + gCur[i]! + hasNext * beta * keep * gCur[next + j]!;
    gCur[i] = gm;
    gBias[j]! += gm;
    gTheta -= sg;
    if (hasPrev) {
      const sPrev = spk[prev + j]!;
      const keepPrev = isSubtract + (1 - isSubtract) * (1 - sPrev);
      gBeta += gm * keepPrev * mem[prev + j]!;
      gTheta -= isSubtract * gm * sPrev;
    }
  }
  acc[0]! += gBeta;
  acc[1]! += gTheta;
}
