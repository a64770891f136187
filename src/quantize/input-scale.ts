// How graded inputs become integers entering the first layer, in units of s:
// - layer: one step s for every channel, q = round(x/s) in `bits` bits;
// - channel: channel c has step s·2^d_c, entering as q·2^d_c (small channels stay resolved);
// - exponent: each value keeps a `bits`-bit mantissa m and an exponent e in [0, eMax] (m·2^e):
//   relative precision 2^−(bits−1) from s up to the largest value, like a graded spike payload.
// An expansive encoder's channels span 10⁻² to 10⁵ (x ~10², z ~10⁵), which only the exponent
// form resolves at 8 bits. Shifts and exponents are capped so that a worst-case first-layer sum
// (input × weight × fan-in) still fits the accumulator.
import type { IrModel } from '../ir/model.js';
import type { EncodedSet } from '../encoding/encoder.js';
import { fitWidth, roundBy, type Rounding } from './arith.js';
import { channelRangesFromData, isBinary } from './calibrate.js';
import { encoderChannelRanges } from './input-range.js';
import type { NumericProfile } from './profile.js';

export type InputScaling = 'layer' | 'channel' | 'exponent';
export const INPUT_SCALINGS: readonly InputScaling[] = ['layer', 'channel', 'exponent'];

export interface InputScale {
  /** Real value of one unit of the integers entering the first layer. */
  scale: number;
  /** Per-channel shift d_c ≥ 0 (channel scaling), else null. */
  shifts: Int32Array | null;
  /** Largest exponent of the exponent form (0: a plain integer). */
  exponentMax: number;
  bits: number;
  /** Bits of the largest integer entering the first layer (bits + max d_c). */
  effectiveBits: number;
  source: string;
}

/** One input value to its integer in units of `unit` (channel shift, or exponent form). */
export function quantizeInput(
  x: number,
  unit: number,
  shift: number,
  bits: number,
  exponentMax: number,
  r: Rounding,
): number {
  if (exponentMax > 0) return quantizeExponent(x / unit, bits, exponentMax, r);
  return fitWidth(roundBy(x / (unit * 2 ** shift), r), bits, 'saturate') * 2 ** shift;
}

/** m·2^e with |m| ≤ 2^(bits−1) − 1 and the smallest e in [0, eMax] whose rounded m fits. */
function quantizeExponent(y: number, bits: number, eMax: number, r: Rounding): number {
  const qmax = 2 ** (bits - 1) - 1;
  const a = Math.abs(y);
  let e = a <= qmax ? 0 : Math.min(eMax, Math.floor(Math.log2(a / qmax)));
  let m = roundBy(y / 2 ** e, r);
  while (Math.abs(m) > qmax && e < eMax) m = roundBy(y / 2 ** ++e, r);
  return fitWidth(m, bits, 'saturate') * 2 ** e;
}

/** Bits a first-layer input may use so that input × weight × fan-in fits the accumulator. */
export function inputBitsAvailable(profile: NumericProfile, fanIn: number): number {
  return profile.accumulator.bits - 1 - (profile.weight.bits - 1) - Math.ceil(Math.log2(fanIn));
}

/** Choose the input unit (and channel shifts): given, from calibration data, or the encoder. */
export function chooseInputScale(
  model: IrModel,
  profile: NumericProfile,
  channels: number,
  opts: { inputScale?: number; inputScaling?: InputScaling; inputPercentile?: number },
  cal: EncodedSet | undefined,
  nCal: number,
): InputScale {
  const bits = profile.input.bits;
  const qmax = 2 ** (bits - 1) - 1;
  const uniform = (scale: number, source: string): InputScale => ({
    scale,
    shifts: null,
    exponentMax: 0,
    bits,
    effectiveBits: bits,
    source,
  });
  const spare = Math.max(0, inputBitsAvailable(profile, channels) - (bits - 1));
  if (opts.inputScale !== undefined) return uniform(opts.inputScale, 'given');
  if (cal && nCal > 0 && isBinary(cal, nCal))
    return uniform(1, 'binary spikes in calibration data');

  // Per-channel ranges: a percentile of the calibration data, else the encoder sweep.
  let ranges: Float64Array | undefined;
  let source: string;
  const pct = opts.inputPercentile ?? 99.99;
  if (cal && nCal > 0) {
    ranges = channelRangesFromData(cal, nCal, pct);
    source = `calibration: ${pct}th percentile of |x| over ${Math.min(nCal, cal.n)} inputs`;
  } else if (model.encoder && encoderChannelRanges(model.encoder)?.length === channels) {
    ranges = encoderChannelRanges(model.encoder)!;
    source = `encoder sweep of ${model.encoder.system} (Σλ = ${model.encoder.sigmaLambda})`;
  } else {
    return uniform(1 / qmax, 'assumed range [−1, 1] (no encoder, no calibration data)');
  }
  const top = ranges.reduce((a, b) => Math.max(a, b), 0);
  if (top === 0) return uniform(1 / qmax, `${source}; all inputs are 0`);
  const mode = opts.inputScaling ?? 'exponent';
  if (mode === 'layer' || spare === 0) return uniform(top / qmax, source);
  if (mode === 'exponent') {
    const eMax = Math.min(15, spare);
    const scale = top / qmax / 2 ** eMax;
    const src = `${source}; ${bits}-bit mantissa, exponent 0..${eMax}`;
    return {
      scale,
      shifts: null,
      exponentMax: eMax,
      bits,
      effectiveBits: bits + eMax,
      source: src,
    };
  }

  // Channel scaling: channel c gets step s_max / 2^e_c, the coarsest power-of-two step that
  // still covers its range, so channels of similar range keep one step (as layer scaling).
  const sMax = top / qmax;
  const e = Array.from(ranges, (r) => (r > 0 ? Math.floor(Math.log2(top / r) + 1e-9) : 0));
  const E = Math.min(spare, Math.max(...e));
  const shifts = Int32Array.from(e, (ec) => E - Math.min(E, ec));
  const src = `${source}; per channel`;
  return {
    scale: sMax / 2 ** E,
    shifts,
    exponentMax: 0,
    bits,
    effectiveBits: bits + E,
    source: src,
  };
}
