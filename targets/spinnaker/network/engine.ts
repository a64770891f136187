// What the tick loop needs from one population's arithmetic, so the same loop runs the bit-exact
// sPyNNaker profile and the float reference of the same network.

/** A projection in row form (by presynaptic neuron), shared by both engines. */
export interface ProjectionRows {
  post: number;
  /** Receptor index: 0 excitatory, 1 inhibitory. */
  type: number;
  /** rowPtr[i] … rowPtr[i+1] are the synapses of presynaptic neuron i. */
  rowPtr: Int32Array;
  postIndex: Int32Array;
  w16: Uint16Array;
  weight: Float64Array;
  delayTicks: Int32Array;
}

export interface PopulationEngine {
  readonly size: number;
  /** Zero the state and the ring buffer before a new inference. */
  reset(): void;
  /** Step 1 of a tick: move ring-buffer slot t into the synaptic state (docs §1.4). */
  transfer(t: number): void;
  /**
   * Steps 2–5: update V (unless refractory), threshold, reset, shape the synapses. `current` is
   * this tick's injected current per neuron (or undefined), `biasOn` whether the bias DCSource
   * is on; writes spiking indices into `out`.
   */
  update(current: ArrayLike<number> | undefined, biasOn: boolean, out: Int32Array): number;
  /** Add the synapses of one presynaptic spike at tick t into the ring buffer. */
  deliver(t: number, rows: ProjectionRows, pre: number): void;
  /** Membrane potential of a neuron in mV (for traces and tests). */
  voltage(i: number): number;
  /** Ring-buffer additions clipped at 0xFFFF since the last reset, per receptor. */
  readonly saturations: Float64Array;
  /** Updates whose fixed-point intermediates wrapped since the last reset (fixed engine). */
  readonly overflows?: number;
}
