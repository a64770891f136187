// Factories for the FPGA tests: float models (snnTorch-style) and integer programs.
import { buildLeakyModel } from '../../../src/ir/build.js';
import type { IrModel } from '../../../src/ir/model.js';
import { mulberry32 } from '../../../src/util/random.js';
import { DEFAULT_ARCH, type FpgaArch } from '../../../targets/fpga/src/arch.js';
import type { FpgaLayer, FpgaProgram } from '../../../targets/fpga/src/quantize.js';
import type { EncodedSet } from '../../../src/encoding/encoder.js';

/** A random feed-forward LIF model of the given sizes (inputs first). */
export function makeModel(
  sizes: number[],
  seed = 1,
  beta = 0.9,
  reset: 'subtract' | 'zero' = 'subtract',
): IrModel {
  const rnd = mulberry32(seed);
  const layers = sizes.slice(1).map((nOut, k) => {
    const nIn = sizes[k]!;
    return {
      nIn,
      nOut,
      beta,
      threshold: 1,
      weight: Float32Array.from({ length: nIn * nOut }, () => (rnd() - 0.4) * 1.2),
      bias: Float32Array.from({ length: nOut }, () => (rnd() - 0.5) * 0.2),
    };
  });
  return buildLeakyModel(layers, { dt: 1e-4, integrator: 'euler', reset, spikes: 'unit' });
}

/** Random encoded inputs in ±range. */
export function makeInputs(
  n: number,
  steps: number,
  channels: number,
  seed = 2,
  range = 3,
): EncodedSet {
  const rnd = mulberry32(seed);
  const data = Float32Array.from({ length: n * steps * channels }, () => (rnd() * 2 - 1) * range);
  return { n, steps, channels, data };
}

export interface LayerSpec {
  nIn: number;
  nOut: number;
  /** Row-major [nOut][nIn] integer weights. */
  w: number[];
  bias?: number[];
  theta: number;
  leak: number;
  shift?: number;
  vReset?: number;
}

/** An integer program straight from layer specs (no quantiser), for exact arithmetic tests. */
export function makeProgram(
  specs: LayerSpec[],
  arch: Partial<FpgaArch> = {},
  reset: 'subtract' | 'zero' = 'subtract',
): FpgaProgram {
  const a: FpgaArch = { ...DEFAULT_ARCH, ...arch };
  let wBase = 0;
  let nBase = 0;
  const layers: FpgaLayer[] = specs.map((s, k) => {
    const weightT = new Int32Array(s.nIn * s.nOut);
    for (let j = 0; j < s.nOut; j++)
      for (let i = 0; i < s.nIn; i++) weightT[i * s.nOut + j] = s.w[j * s.nIn + i]!;
    const rows = Math.ceil(s.nOut / a.lanes);
    const layer: FpgaLayer = {
      name: `lif${k + 1}`,
      nIn: s.nIn,
      nOut: s.nOut,
      rows,
      wBase,
      nBase,
      weightT,
      bias: Int32Array.from(s.bias ?? new Array<number>(s.nOut).fill(0)),
      theta: s.theta,
      vReset: s.vReset ?? 0,
      leak: s.leak,
      shift: s.shift ?? 0,
      stateScale: 1,
      weightScale: 1,
    };
    wBase += s.nIn * rows;
    nBase += s.nOut;
    return layer;
  });
  return {
    arch: a,
    reset,
    nInputs: specs[0]!.nIn,
    inputScale: new Float64Array(specs[0]!.nIn).fill(1),
    layers,
    wmemWords: wBase,
    neurons: nBase,
  };
}

/** A program with random integers over the whole legal range of every field (RTL stress). */
export function randomProgram(sizes: number[], arch: Partial<FpgaArch>, seed: number): FpgaProgram {
  const a: FpgaArch = { ...DEFAULT_ARCH, ...arch };
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const wMax = 2 ** (a.weightBits - 1) - 1;
  const sMax = 2 ** (a.stateBits - 1) - 1;
  const specs: LayerSpec[] = sizes.slice(1).map((nOut, k) => {
    const nIn = sizes[k]!;
    const big = rnd() < 0.5;
    return {
      nIn,
      nOut,
      w: Array.from({ length: nIn * nOut }, () => int(-wMax, wMax)),
      bias: Array.from({ length: nOut }, () => (big ? int(-sMax - 1, sMax) : int(-64, 64))),
      theta: big ? int(1, sMax) : int(1, 400),
      leak: a.leak === 'multiply' ? int(0, 256) : int(0, a.stateBits - 1),
      shift: int(-8, 15),
      vReset: int(-sMax - 1, sMax),
    };
  });
  return makeProgram(specs, a, rnd() < 0.5 ? 'subtract' : 'zero');
}

/** Random input codes [n][steps][channels] in [−127, 127], a tenth of them zero. */
export function randomCodes(n: number, steps: number, channels: number, seed: number): Int8Array {
  const rnd = mulberry32(seed);
  return Int8Array.from({ length: n * steps * channels }, () =>
    rnd() < 0.1 ? 0 : Math.round((rnd() * 2 - 1) * 127),
  );
}
