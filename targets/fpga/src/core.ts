// The bit-exact, cycle-exact model of the generated core (README §2 and §3), on typed arrays.
import type { LayerCounts } from '../../../src/emulator/result.js';
import { BETA_FRACTION_BITS } from './arch.js';
import { layerCycles, STEP_OVERHEAD_CYCLES } from './cycles.js';
import type { FpgaProgram } from './quantize.js';
import { clampSigned, shiftFloor } from './round.js';

/** What one step of one input did: every layer's spikes (ascending) and the cycles it took. */
export interface StepTrace {
  input: number;
  step: number;
  cycles: number;
  spikes: Int32Array[];
}

export interface CoreRun {
  outputCounts: Int32Array;
  perLayer: LayerCounts[];
  cycles: number;
  /** Cycles of every step, row-major [n][steps]. */
  stepCycles: Int32Array;
}

/** Run n inputs of `steps` frames of input codes ([n][steps][nInputs]) through the core. */
export function runCore(
  prog: FpgaProgram,
  codes: Int8Array,
  n: number,
  steps: number,
  onStep?: (t: StepTrace) => void,
): CoreRun {
  const st = makeState(prog);
  const last = prog.layers[prog.layers.length - 1]!;
  const outputCounts = new Int32Array(n * last.nOut);
  const stepCycles = new Int32Array(n * steps);
  let cycles = 0;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < steps; t++) {
      const frame = codes.subarray(
        (i * steps + t) * prog.nInputs,
        (i * steps + t + 1) * prog.nInputs,
      );
      const c = step(prog, st, frame, t === 0);
      stepCycles[i * steps + t] = c;
      cycles += c;
      const out = st.spikes[prog.layers.length - 1]!;
      const nOut = st.counts[prog.layers.length - 1]!;
      for (let s = 0; s < nOut; s++) outputCounts[i * last.nOut + out[s]!]!++;
      if (onStep) {
        const spikes = prog.layers.map((_, l) => st.spikes[l]!.slice(0, st.counts[l]!));
        onStep({ input: i, step: t, cycles: c, spikes });
      }
    }
  }
  return { outputCounts, perLayer: st.perLayer, cycles, stepCycles };
}

interface CoreState {
  v: Float64Array;
  sPrev: Uint8Array;
  acc: Float64Array;
  /** Spike list of each layer in the current step, and its length. */
  spikes: Int32Array[];
  counts: Int32Array;
  perLayer: LayerCounts[];
}

function makeState(prog: FpgaProgram): CoreState {
  const maxOut = Math.max(...prog.layers.map((l) => l.nOut));
  return {
    v: new Float64Array(prog.neurons),
    sPrev: new Uint8Array(prog.neurons),
    acc: new Float64Array(maxOut),
    spikes: prog.layers.map((l) => new Int32Array(l.nOut)),
    counts: new Int32Array(prog.layers.length),
    perLayer: prog.layers.map((l) => ({
      name: l.name,
      neurons: l.nOut,
      spikes: 0,
      synops: 0,
      macs: 0,
      neuronUpdates: 0,
      weightReads: 0,
    })),
  };
}

/** One time step through every layer; returns its cycle count (README §3). */
function step(prog: FpgaProgram, st: CoreState, frame: Int8Array, first: boolean): number {
  let cycles = STEP_OVERHEAD_CYCLES;
  for (let l = 0; l < prog.layers.length; l++) {
    const layer = prog.layers[l]!;
    const counts = st.perLayer[l]!;
    const { nOut } = layer;
    const acc = st.acc;

    // Event phase: layer 0 scans the input frame, later layers the previous spike list.
    let nSrc: number;
    let nz = 0;
    if (l === 0) {
      nSrc = layer.nIn;
      for (let i = 0; i < layer.nIn; i++) {
        const x = frame[i]!;
        if (x === 0) continue;
        nz++;
        const row = i * nOut;
        for (let j = 0; j < nOut; j++) acc[j] += layer.weightT[row + j]! * x;
      }
      counts.macs += nz * nOut;
    } else {
      nSrc = nz = st.counts[l - 1]!;
      const src = st.spikes[l - 1]!;
      for (let e = 0; e < nz; e++) {
        const row = src[e]! * nOut;
        for (let j = 0; j < nOut; j++) acc[j] += layer.weightT[row + j]!;
      }
      counts.synops += nz * nOut;
    }
    counts.weightReads += nz * layer.rows;

    // Update pass: one neuron per cycle, in ascending index order.
    st.counts[l] = updateLayer(prog, st, l, first);
    counts.spikes += st.counts[l]!;
    counts.neuronUpdates += nOut;
    cycles += layerCycles(nSrc, nz, layer.rows, nOut);
  }
  return cycles;
}

function updateLayer(prog: FpgaProgram, st: CoreState, l: number, first: boolean): number {
  const layer = prog.layers[l]!;
  const { stateBits: S, leak: form } = prog.arch;
  const out = st.spikes[l]!;
  const half = layer.shift > 0 ? 2 ** (layer.shift - 1) : 0;
  let nSpikes = 0;
  for (let j = 0; j < layer.nOut; j++) {
    const k = layer.nBase + j;
    const v = first ? 0 : st.v[k]!;
    const sPrev = first ? 0 : st.sPrev[k]!;
    const a = st.acc[j]!;
    st.acc[j] = 0;

    // I: round-half-up right shift, or exact left shift, of the A-bit accumulator.
    const cur = layer.shift >= 0 ? shiftFloor(a + half, layer.shift) : a * 2 ** -layer.shift;

    // Leak, then add current and bias, minus the previous step's reset; saturate to S bits.
    let m: number;
    if (form === 'multiply') m = shiftFloor(v * layer.leak, BETA_FRACTION_BITS);
    else m = layer.leak === 0 ? v : v - shiftFloor(v, layer.leak);
    let u: number;
    if (prog.reset === 'subtract') u = m + cur + layer.bias[j]! - (sPrev ? layer.theta : 0);
    else u = sPrev ? layer.vReset : m + cur + layer.bias[j]!;
    const vNew = clampSigned(u, S);
    const s = vNew > layer.theta ? 1 : 0;
    st.v[k] = vNew;
    st.sPrev[k] = s;
    if (s) out[nSpikes++] = j;
  }
  return nSpikes;
}
