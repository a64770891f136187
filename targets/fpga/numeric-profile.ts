// The generated FPGA core's arithmetic (README §2, §3) stated as a NumericProfile, so the shared
// emulator core (src/emulator) runs fpga programs with its workers, AER records and counters.
// Every number comes from ./src/arch.ts and ./src/cycles.ts, where each names its source.
import type { LayerStepCounts, NumericProfile } from '../../src/quantize/profile.js';
import {
  accBits,
  BETA_FRACTION_BITS,
  HEADROOM_BITS,
  INPUT_BITS,
  parseArch,
  SHIFT_MAX,
  SHIFT_MIN,
  type FpgaArch,
} from './src/arch.js';
import { layerCycles, STEP_OVERHEAD_CYCLES } from './src/cycles.js';

/** Rebuild the profile from its stored config (what worker threads and profileFromSpec call). */
export function makeTargetProfile(config: Record<string, number | string>): NumericProfile {
  return fpgaProfile(parseArch(config));
}

/** The core's rules for one architecture (weight and state widths, leak form, lanes). */
export function fpgaProfile(arch: FpgaArch): NumericProfile {
  const { weightBits, stateBits, leak, lanes } = arch;
  return {
    id: `fpga-w${weightBits}-s${stateBits}-${leak}-l${lanes}`,
    name: 'fpga',
    kind: 'integer',
    description:
      `generated FPGA core: ${weightBits}-bit weights, ${stateBits}-bit saturating state, ` +
      `${leak} leak, ${lanes} lanes, cycle model of the sequencer`,
    // README §2: v saturates to S bits; there is no current register (LIF only).
    state: { bits: stateBits, overflow: 'saturate' },
    current: { bits: stateBits, overflow: 'saturate' },
    // README §2: A = S + 8 bits; the quantiser refuses a layer whose worst-case sum overflows.
    accumulator: { bits: accBits(arch), overflow: 'wrap' },
    // README §2: multiply form floor(v·β_q / 2^8); shift form v − (v >>> k), k = 0: no leak.
    leak:
      leak === 'multiply'
        ? { kind: 'multiply-shift', fractionBits: BETA_FRACTION_BITS, rounding: 'floor' }
        : { kind: 'shift', rounding: 'floor' },
    // README §2: the sum's right shift rounds half up, (a + 2^(sh−1)) >> sh; a left shift is exact.
    weight: {
      bits: weightBits,
      sign: 'symmetric',
      shiftMin: SHIFT_MIN,
      shiftMax: SHIFT_MAX,
      shiftRounding: 'nearest-up',
      scale: 'per-layer',
    },
    input: { mode: 'graded', bits: INPUT_BITS },
    compare: '>',
    // README §2: subtract reset removes θ in the step after a spike; zero reset sets v = v_r in
    // that step and drops its input. No refractory period.
    reset: { mode: 'model', timing: 'next-step', refractorySteps: 0, nextStepZero: 'set' },
    synapticDelay: 0,
    headroomBits: HEADROOM_BITS,
    // README §2: weights, biases, θ and inputs round half away from zero.
    paramRounding: 'nearest-away',
    cycles: (layers) => stepCycles(layers, lanes),
    // README §4: one WMEM word holds `lanes` weights; an event reads ⌈nOut / lanes⌉ words.
    weightLanes: lanes,
    config: { weightBits, stateBits, leak, lanes },
  };
}

/** README §3: 1 + Σ (2·n_src + nz·R + nOut + 4); layer 0 fetches every input channel. */
function stepCycles(layers: readonly LayerStepCounts[], lanes: number): number {
  let cycles = STEP_OVERHEAD_CYCLES;
  for (const l of layers) {
    const nSrc = l.graded ? l.fanIn : l.events;
    cycles += layerCycles(nSrc, l.events, Math.ceil(l.neurons / lanes), l.neurons);
  }
  return cycles;
}
