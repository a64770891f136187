// Loihi's arithmetic as Lava's bit-accurate models run it (./profile.ts, shared/docs/loihi.md)
// stated as a NumericProfile of the shared emulator core. The LIF update is a target kernel
// (./profile.ts's stepLif): the current decays by du + 1, input and threshold are aligned by
// << 6, u wraps once into 24 bits while v saturates at ±(2^23 − 1); the generic neuron step
// states none of these.
import type { NeuronKernel, NumericProfile } from '../../src/quantize/profile.js';
import { DECAY_SHIFT, stepLif, type LifParams } from './profile.js';

/** What distinguishes one Loihi core profile from another. */
export interface LoihiCoreConfig {
  /** Graded payload bits of the first Dense (num_message_bits); 0: binary spikes. */
  inputBits: number;
  /**
   * Steps a Dense adds: 1 for Lava's processes as they are (§1.3, the golden vectors); 0 for
   * a netx run whose LIFReset offsets open layer k's window k + 1 steps late, which cancels
   * the Dense delays exactly (test/targets/loihi/core-shared.test.ts checks it).
   */
  delay: 0 | 1;
}

/** Rebuild the profile from its stored config (worker threads, profileFromSpec). */
export function makeTargetProfile(config: Record<string, number | string>): NumericProfile {
  const delay = Number(config.delay) === 0 ? 0 : 1;
  return loihiProfile({ inputBits: Number(config.inputBits ?? 0), delay });
}

/** The Loihi profile for one input form and delay convention. */
export function loihiProfile(c: LoihiCoreConfig): NumericProfile {
  const graded = c.inputBits > 0;
  return {
    id: `loihi-${graded ? `in${c.inputBits}` : 'binary'}-d${c.delay}`,
    name: 'loihi',
    kind: 'integer',
    description:
      `Loihi CUBA LIF and Dense as Lava's bit-accurate models, ` +
      `${graded ? `${c.inputBits}-bit graded` : 'binary'} input, Dense delay ${c.delay}`,
    // §1.1: v is 24-bit and saturates (at ±(2^23 − 1), applied by the kernel).
    state: { bits: 24, overflow: 'saturate' },
    // §1.2 step 5: u is 24-bit and wraps once.
    current: { bits: 24, overflow: 'wrap' },
    // §1.4: the Dense sums in numpy int32 and wraps; the shifted sum wraps too.
    accumulator: { bits: 32, overflow: 'wrap' },
    sumOverflow: 'wrap',
    // §1.2 step 4: x·(4096 − d) / 4096 toward zero (the kernel adds Lava's +1 to du).
    leak: { kind: 'multiply-shift', fractionBits: DECAY_SHIFT, rounding: 'toward-zero' },
    // §1.4: effective weights span [−256, 255]; weight_exp > 0 shifts left, < 0 right (floor).
    weight: {
      bits: 9,
      sign: 'twos-complement',
      shiftMin: -8,
      shiftMax: 8,
      shiftRounding: 'floor',
      scale: 'power-of-two',
    },
    input: graded ? { mode: 'graded', bits: c.inputBits } : { mode: 'binary', bits: 2 },
    // §1.2 step 7: spike when v > vth << 6; v ← 0, u kept, no refractory period.
    compare: '>',
    reset: { mode: 'zero', timing: 'same-step', refractorySteps: 0 },
    synapticDelay: c.delay,
    headroomBits: 0,
    // §2.3: SLAYER's export rounds half to even (torch.round).
    paramRounding: 'nearest-even',
    neuronKernel: LOIHI_LIF_KERNEL,
    config: { inputBits: c.inputBits, delay: c.delay },
  };
}

/** Per-neuron integer parameters of a Loihi LIF population, as the kernel reads them. */
export const LOIHI_LIF_PARAMS = ['du', 'dv', 'vth', 'bias_mant', 'bias_exp'] as const;

/** Tallies per layer: Davies' active compartments, u wraps and v saturations. */
export const LOIHI_TALLIES = ['activeUpdates', 'currentWraps', 'stateClamps'] as const;

/**
 * §1.2 steps 1–7 on one population: ./profile.ts's stepLif itself, so the rule is written once.
 * du, dv and vth are one value per population in Lava; the core stores them per neuron.
 */
export const LOIHI_LIF_KERNEL: NeuronKernel = {
  params: LOIHI_LIF_PARAMS,
  tallies: LOIHI_TALLIES,
  step(p, s, aIn, out, ev, tally) {
    const n = aIn.length;
    const lif: LifParams = {
      n,
      du: p.du![0]!,
      dv: p.dv![0]!,
      vth: p.vth![0]!,
      biasMant: p.bias_mant!,
      biasExp: p.bias_exp!,
    };

    // Davies' active compartments: input, state or bias before the update (as the Simulator).
    for (let i = 0; i < n; i++) {
      if (aIn[i] !== 0 || s.u[i] !== 0 || s.v[i] !== 0 || lif.biasMant[i] !== 0) tally[0]!++;
    }
    const spikes = scratch(n);
    const overflow = { wraps: 0, clamps: 0 };
    const count = stepLif(lif, s, aIn, spikes, overflow);
    tally[1]! += overflow.wraps;
    tally[2]! += overflow.clamps;
    let e = 0;
    for (let i = 0; i < n; i++) {
      out[i] = spikes[i]!;
      if (spikes[i]) ev[e++] = i;
    }
    return count;
  },
};

const SCRATCH = new Map<number, Uint8Array>();

function scratch(n: number): Uint8Array {
  let s = SCRATCH.get(n);
  if (!s) SCRATCH.set(n, (s = new Uint8Array(n)));
  return s;
}
