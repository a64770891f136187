// Numeric profiles: how a target stores and updates the numbers of a spiking network. The
// quantiser reads a profile to turn float parameters into integers; the emulator reads the same
// profile to run them. The generic `int` and `float` profiles live in src/quantize/profiles/;
// each hardware target may publish its own in targets/<t>/profile.ts (docs/emulator.md).
import type { Overflow, Rounding } from './arith.js';

/** One layer's work in one time step of one input, as a cycle model sees it. */
export interface LayerStepCounts {
  neurons: number;
  /** Events that arrived at the layer's synapses (spikes or non-zero graded values). */
  events: number;
  synops: number;
  macs: number;
  /** Spikes the layer emitted this step. */
  spikes: number;
  /** Width of the layer's synaptic input (entries a scan of the whole input would visit). */
  fanIn: number;
  /** Whether that input is graded values (an analog first layer) rather than spikes. */
  graded: boolean;
}

/** A fixed-width signed register and what it does on overflow. */
export interface Register {
  bits: number;
  overflow: Overflow;
}

/**
 * How a membrane or current decays by β per step in integers.
 * - multiply-shift: x ← round(x·m / 2^F), m = round(β·2^F) per neuron (Loihi: F = 12).
 * - shift: x ← x − round(x / 2^k), β ≈ 1 − 2^−k (Xylo's "dash" decay).
 * - table: as multiply-shift, but m comes from the target's table of dt/τ (SpiNNaker's expk).
 */
export type LeakRule =
  | { kind: 'multiply-shift'; fractionBits: number; rounding: Rounding }
  | { kind: 'shift'; rounding: Rounding }
  | { kind: 'table'; fractionBits: number; rounding: Rounding; factor: (beta: number) => number };

/** How weights are stored and how the synaptic sum is scaled into state units. */
export interface WeightFormat {
  bits: number;
  /**
   * symmetric: [−(2^(b−1)−1), 2^(b−1)−1]; twos-complement: [−2^(b−1), 2^(b−1)−1];
   * even: two's complement with the LSB dropped (Lava's mixed-sign Dense), so only even values.
   */
  sign: 'symmetric' | 'twos-complement' | 'even';
  /** Range of the per-layer power-of-two shift applied to each synaptic sum (negative: left). */
  shiftMin: number;
  shiftMax: number;
  /** Rounding of a right shift of the sum (Lava: floor, an arithmetic shift). */
  shiftRounding: Rounding;
  /** Scale choice: one real scale per layer, or a power of two (weight = q · 2^e). */
  scale: 'per-layer' | 'power-of-two';
}

export interface ResetRule {
  /** 'model' follows the model's discretisation (zero or subtract). */
  mode: 'model' | 'zero' | 'subtract';
  /**
   * same-step: v is reset right after the spike (NIR's rule); next-step: the threshold is
   * subtracted in the following update (snnTorch's reset_delay); model: zero → same-step,
   * subtract → next-step, as snnTorch and NIR export them.
   */
  timing: 'model' | 'same-step' | 'next-step';
  /** Steps after a spike during which v is held and cannot spike (0: none). */
  refractorySteps: number;
  /**
   * Next-step zero reset only: 'leak' (default) decays v_reset and adds the step's input, as
   * snnTorch's reset_delay does; 'set' makes v = v_reset and drops that step's input, as the
   * generated FPGA core does (targets/fpga/README.md §2).
   */
  nextStepZero?: 'leak' | 'set';
}

/**
 * A target's own neuron update, for arithmetic the declarative rules cannot state (Loihi's +1
 * on the current decay, u wrapping while v saturates). It runs one step of one layer in place.
 */
export interface NeuronKernel {
  /** Integer parameter names the kernel reads from each neuron node's quantisation. */
  params: readonly string[];
  /** Names of per-layer counts the kernel keeps (summed into Counters.tallies). */
  tallies?: readonly string[];
  /** Extra int32 words of state per neuron (state.extra, [word][neuron]; SpiNNaker: 3). */
  stateWords?: number;
  /** Set the state at the start of every input (default: all zero; SpiNNaker: V = v_init). */
  init?(p: Readonly<Record<string, Int32Array>>, state: KernelState): void;
  /**
   * Update state (u, v per neuron) from this step's synaptic input x; write 0/1 into out and
   * the indices of the neurons that spiked into ev; return how many spiked. x holds one value
   * per neuron, or receptors × neurons behind a synapse stage; t is the step of the input.
   */
  step(
    p: Readonly<Record<string, Int32Array>>,
    state: KernelState,
    x: Int32Array,
    out: Int32Array,
    ev: Int32Array,
    tally: Float64Array,
    t: number,
  ): number;
}

/** The registers a neuron kernel updates: u (the current i), v, and its own extra words. */
export interface KernelState {
  u: Int32Array;
  v: Int32Array;
  extra: Int32Array;
}

/**
 * A synapse stage with its own memory, for targets whose synaptic input is not a weighted sum
 * made and used in one step (SpiNNaker's ring buffers, targets/spinnaker/README.md). Every
 * synaptic node (Linear) becomes a connection list (intParams `pre`, `post`, `weight` ≥ 0,
 * `delay` in steps, `receptor`, per receptor `shift`, and `slots`) feeding a ring of `slots`
 * entries per receptor and neuron. Each step the node first hands on slot t, every entry
 * shifted left by its receptor's shift (int32 wrap), and clears it; then each input spike adds
 * its row into slot (t + delay) mod slots, an entry saturating at `entryMax` (counted).
 */
export interface SynapseStage {
  /** Receptors per neuron: the node's output is receptors × neurons, receptor-major. */
  receptors: number;
  /** Largest value of one ring entry (SpiNNaker: 0xFFFF, uint16). */
  entryMax: number;
}

/** Everything a target's arithmetic decides; see docs/emulator.md for each rule's place. */
export interface NumericProfile {
  /** Identifier written into NodeQuantization.profile, e.g. 'int-w8-s16'. */
  id: string;
  /** Family name on the CLI: 'int', 'float', or a target name. */
  name: string;
  kind: 'float' | 'integer';
  description: string;
  /** Membrane v. */
  state: Register;
  /** Synaptic current i of CubaLIF / CubaLI. */
  current: Register;
  /** The register a synaptic sum is accumulated in, before its shift. */
  accumulator: Register;
  /**
   * What the shifted 32-bit sum does beyond int32 (default: the state's rule). Lava keeps
   * numpy's int32 wrap although its v saturates.
   */
  sumOverflow?: Overflow;
  leak: LeakRule;
  weight: WeightFormat;
  /** Graded input: values multiply weights (MACs); binary: inputs must be 0 or 1. */
  input: { mode: 'graded' | 'binary'; bits: number };
  /** Spike when v > θ or v ≥ θ. */
  compare: '>' | '>=';
  reset: ResetRule;
  /** Steps each synaptic connection adds between a spike and its effect (Lava Dense: 1). */
  synapticDelay: number;
  /** Bits of head room kept between the largest threshold and the state's largest value. */
  headroomBits: number;
  /** Rounding of float parameters to integers in the quantiser. */
  paramRounding: Rounding;
  /** Clock cycles of one time step of one input, for targets with a cycle model. */
  cycles?: (layers: readonly LayerStepCounts[]) => number;
  /**
   * Weights packed per memory word: weightReads then counts words, events × ⌈fanOut/lanes⌉,
   * rather than one read per synapse (the FPGA's WMEM rows, targets/fpga/README.md §4).
   */
  weightLanes?: number;
  /** A target's own neuron update; when set it replaces the generic integer neuron step. */
  neuronKernel?: NeuronKernel;
  /** A synapse stage with delays and saturating rings; replaces the dense sum when set. */
  synapseStage?: SynapseStage;
  /** The settings that rebuild this profile (stored in the model, compared on emulate). */
  config: Record<string, number | string>;
}
