// sPyNNaker's LIF neuron (IF_curr_delta, IF_curr_exp) as a neuron kernel of the shared emulator
// core: steps 1–5 of a tick (docs/spinnaker.md §1.4–§1.5) on the ring's output, in s16.15 with
// the primitives of ./profile/s1615.ts. ./profile/population-fixed.ts states the same tick for
// the target's own loop, which stays the oracle (test/targets/spinnaker/core-shared.test.ts).
import type { KernelState, NeuronKernel } from '../../src/quantize/profile.js';
import { decayS1615, mulk, mulkUnwrapped, wraps } from './profile/s1615.js';

/**
 * Per-neuron integers of a population, as FixedPopulation holds them (s16.15 bits; the u0.32
 * synaptic decay and init stored as their int32 bit patterns, read back with >>> 0).
 */
export const SPINNAKER_LIF_PARAMS = [
  'v_init',
  'v_rest',
  'v_reset',
  'v_thresh',
  'i_offset',
  'bias',
  'lag',
  'r',
  'exp_tc',
  't_refract',
  'delta_scale',
  'syn_decay_exc',
  'syn_decay_inh',
  'syn_init_exc',
  'syn_init_inh',
] as const;

/** Per-layer count the kernel keeps: V updates whose s16.15 intermediate wrapped. */
export const SPINNAKER_TALLIES = ['overflows'] as const;

/** Extra words per neuron: excitatory and inhibitory synaptic state, refractory count. */
const STATE_WORDS = 3;

type Params = Readonly<Record<string, Int32Array>>;

/** The kernel of one cell type; x is receptors × neurons (ring) or a current per neuron. */
export function spinnakerKernel(isDelta: boolean): NeuronKernel {
  return {
    params: SPINNAKER_LIF_PARAMS,
    tallies: SPINNAKER_TALLIES,
    stateWords: STATE_WORDS,
    init: (p, s) => s.v.set(p.v_init!),
    step(p, s, x, out, ev, tally, t) {
      const n = s.v.length;
      const [exc, inh, refract] = words(s, n);

      // Step 1: the ring's slot, already shifted, into the synaptic state (§1.4.1).
      const fromRing = x.length === 2 * n;
      if (fromRing) {
        receive(exc, x.subarray(0, n), p.syn_init_exc!, isDelta);
        receive(inh, x.subarray(n), p.syn_init_inh!, isDelta);
      }

      // Steps 2–4: V, threshold V >= v_thresh, reset with refractory count.
      const current = fromRing ? undefined : x;
      const counts = { overflows: 0 };
      const nSpikes = updateV(p, s.v, exc, inh, refract, current, t, isDelta, out, ev, counts);
      tally[0]! += counts.overflows;

      // Step 5: exponential synapses decay, delta synapses are cleared.
      shape(exc, p.syn_decay_exc!, isDelta);
      shape(inh, p.syn_decay_inh!, isDelta);
      return nSpikes;
    },
  };
}

function words(s: KernelState, n: number): [Int32Array, Int32Array, Int32Array] {
  return [s.extra.subarray(0, n), s.extra.subarray(n, 2 * n), s.extra.subarray(2 * n, 3 * n)];
}

/** isyn += in (delta) or isyn += decay_s1615(in, init) (exponential), §1.5. */
function receive(isyn: Int32Array, input: Int32Array, init: Int32Array, isDelta: boolean): void {
  for (let i = 0; i < isyn.length; i++) {
    const w = input[i]!;
    if (w === 0) continue;
    isyn[i] = isDelta ? (isyn[i]! + w) | 0 : (isyn[i]! + decayS1615(w, init[i]! >>> 0)) | 0;
  }
}

function updateV(
  p: Params,
  v: Int32Array,
  exc: Int32Array,
  inh: Int32Array,
  refract: Int32Array,
  current: Int32Array | undefined,
  t: number,
  isDelta: boolean,
  out: Int32Array,
  ev: Int32Array,
  counts: { overflows: number },
): number {
  const ds = p.delta_scale![0]!;
  const [lag, iOffset, bias, r] = [p.lag!, p.i_offset!, p.bias!, p.r!];
  const [vRest, expTc, vThresh, vReset] = [p.v_rest!, p.exp_tc!, p.v_thresh!, p.v_reset!];
  const tRefract = p.t_refract!;
  let nSpikes = 0;
  for (let i = 0; i < v.length; i++) {
    // Input type: current passes the state through; delta multiplies it by 1/dt (§1.4.2.2).
    const e = isDelta ? mulk(exc[i]!, ds) : exc[i]!;
    const h = isDelta ? mulk(inh[i]!, ds) : inh[i]!;
    if (refract[i]! <= 0) {
      // I = exc − inh + I_offset + the bias DCSource from the lag on + the host's current.
      const offset = iOffset[i]! + (t >= lag[i]! ? bias[i]! : 0) + (current ? current[i]! : 0);
      const input = (e - h + offset) | 0;
      const alphaExact = mulkUnwrapped(input, r[i]!) + vRest[i]!;
      const alpha = alphaExact | 0;
      if (wraps(alphaExact) || wraps(alpha - v[i]!)) counts.overflows++;
      v[i] = (alpha - mulk(expTc[i]!, (alpha - v[i]!) | 0)) | 0;
    } else {
      refract[i]! -= 1;
    }
    const spiked = v[i]! >= vThresh[i]!;
    out[i] = spiked ? 1 : 0;
    if (spiked) {
      v[i] = vReset[i]!;
      refract[i] = tRefract[i]!;
      ev[nSpikes++] = i;
    }
  }
  return nSpikes;
}

function shape(isyn: Int32Array, decay: Int32Array, isDelta: boolean): void {
  if (isDelta) {
    isyn.fill(0);
    return;
  }
  for (let i = 0; i < isyn.length; i++) isyn[i] = decayS1615(isyn[i]!, decay[i]! >>> 0);
}
