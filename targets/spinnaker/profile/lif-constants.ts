// The constants sPyNNaker 7.x computes on the chip from the raw s16.15 parameters the host
// sends (docs/spinnaker.md §1.2–§1.3: neuron_model_initialise, decay_and_init, input_type_delta).
import { ceilAccum, decayS1615ToU032, kdivk, kdivui, S1615_ONE, U032_ONE } from './s1615.js';
import { expk, expulr } from './exp.js';

/** The raw s16.15 parameters of one LIF neuron as the host sends them (docs §1.2). */
export interface LifParamBits {
  tauM: number;
  cm: number;
  tauRefrac: number;
  /** Machine time step in ms, s16.15. */
  timestep: number;
}

/** What the chip derives from them, per neuron. */
export interface LifChipConstants {
  /** R = tau_m / cm, s16.15 (MΩ). */
  r: number;
  /** exp(−dt/tau_m) through expk: s16.15, resolution 2^−15 (docs §1.3). */
  expTc: number;
  /** Refractory steps: ceil(tau_refrac / dt). */
  tRefract: number;
}

/** Synaptic decay and init of an exponential synapse, both u0.32 (docs §1.3). */
export interface SynapseConstants {
  decay: number;
  init: number;
}

/** Sub-steps per time step; sPyNNaker's default, and the only value dynalign emits. */
export const N_STEPS_PER_TIMESTEP = 1;

/** R, exp_TC and T_refract exactly as neuron_model_initialise computes them (docs §1.3). */
export function lifChipConstants(p: LifParamBits): LifChipConstants {
  const ts = kdivui(p.timestep, N_STEPS_PER_TIMESTEP);
  return {
    r: kdivk(p.tauM, p.cm),
    expTc: expk(-kdivk(ts, p.tauM)),
    tRefract: ceilAccum(kdivk(p.tauRefrac, ts)),
  };
}

/** decay = expulr(−ts/tau), init = (tau/ts)·(1 − decay) as decay_and_init computes them. */
export function expSynapseConstants(tauSynBits: number, timestepBits: number): SynapseConstants {
  const ts = kdivui(timestepBits, N_STEPS_PER_TIMESTEP);
  const decay = expulr(-kdivk(ts, tauSynBits));
  const init = decayS1615ToU032(kdivk(tauSynBits, ts), U032_ONE - decay);
  return { decay, init };
}

/** Scale of the delta input type: kdivk(1.0, ts) = 1/dt in s16.15 (docs §1.3). */
export function deltaInputScale(timestepBits: number): number {
  return kdivk(S1615_ONE, kdivui(timestepBits, N_STEPS_PER_TIMESTEP));
}
