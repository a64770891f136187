// Per-step coefficients of the NIR neuron ODEs under a discretisation, the float semantics that
// the float profile runs and the quantiser folds into integers:
//   CubaLIF/CubaLI: i ← α·i + gᵢ·S        (S: summed input of the step)
//   all neurons:    v ← β·v + g·x + c     (x: i for Cuba neurons, else S)
// Euler: a = dt/τ; exact: a = 1 − e^(−dt/τ); then β = 1 − a, g = a·r, c = a·v_leak, and for the
// current α = 1 − a_s, gᵢ = a_s·w_in (NIR docs section 3; the Euler form is nir_euler's).
import type { Discretisation, IrNode } from '../ir/model.js';
import { perNeuron } from './params.js';

/** The stateful neuron primitives of NIR the emulator runs. */
export const NEURON_TYPES = ['LIF', 'IF', 'LI', 'I', 'CubaLIF', 'CubaLI'] as const;
export type NeuronType = (typeof NEURON_TYPES)[number];

export interface NeuronCoeffs {
  type: NeuronType;
  n: number;
  /** LIF, IF and CubaLIF emit spikes; LI, I and CubaLI output their membrane value. */
  spiking: boolean;
  cuba: boolean;
  beta: Float64Array;
  gain: Float64Array;
  bias: Float64Array;
  alpha: Float64Array;
  gainI: Float64Array;
  vThreshold: Float64Array;
  vReset: Float64Array;
}

/** Whether a node type is one of the stateful neuron primitives. */
export function isNeuronType(t: string): t is NeuronType {
  return (NEURON_TYPES as readonly string[]).includes(t);
}

/** Step coefficients of neuron node `name` with n neurons. */
export function neuronCoeffs(
  node: IrNode,
  name: string,
  n: number,
  disc: Discretisation,
): NeuronCoeffs {
  const type = node.type as NeuronType;
  const cuba = type === 'CubaLIF' || type === 'CubaLI';
  const spiking = type === 'LIF' || type === 'IF' || type === 'CubaLIF';
  const r = perNeuron(node, 'r', name, n, 1);
  const c: NeuronCoeffs = {
    type,
    n,
    spiking,
    cuba,
    beta: new Float64Array(n).fill(1),
    gain: new Float64Array(n),
    bias: new Float64Array(n),
    alpha: new Float64Array(n),
    gainI: new Float64Array(n),
    vThreshold: spiking
      ? perNeuron(node, 'v_threshold', name, n)
      : new Float64Array(n).fill(Infinity),
    vReset: perNeuron(node, 'v_reset', name, n, 0),
  };
  const step = (tau: number) =>
    disc.integrator === 'exact' ? 1 - Math.exp(-disc.dt / tau) : disc.dt / tau;

  // IF and I integrate without leak: v += dt·r·S.
  if (type === 'IF' || type === 'I') {
    for (let j = 0; j < n; j++) c.gain[j] = disc.dt * r[j]!;
    return c;
  }
  const tau = perNeuron(node, cuba ? 'tau_mem' : 'tau', name, n);
  const vLeak = perNeuron(node, 'v_leak', name, n, 0);
  for (let j = 0; j < n; j++) {
    const a = step(tau[j]!);
    c.beta[j] = 1 - a;
    c.gain[j] = a * r[j]!;
    c.bias[j] = a * vLeak[j]!;
  }
  if (cuba) {
    const tauSyn = perNeuron(node, 'tau_syn', name, n);
    const wIn = perNeuron(node, 'w_in', name, n, 1);
    for (let j = 0; j < n; j++) {
      const as = step(tauSyn[j]!);
      c.alpha[j] = 1 - as;
      c.gainI[j] = as * wIn[j]!;
    }
  }
  return c;
}
