// Small runtimes shared by stateless primitives, and the spike value of a spiking output.
import type { NodeRuntime, SimContext } from './types.js';

/** A node that passes its input through unchanged (Input, Output, Flatten). */
export function identityRuntime(): NodeRuntime {
  return { state: {}, step: (input, output) => output.set(input) };
}

/** A stateless element-wise node: y[j] = f(x[j], j). */
export function elementwiseRuntime(f: (x: number, j: number) => number): NodeRuntime {
  return {
    state: {},
    step(input, output) {
      for (let j = 0; j < output.length; j++) output[j] = f(input[j]!, j);
    },
  };
}

/** Signal value of `count` threshold crossings in one step: a unit event (or 1/dt) or nothing. */
export function spikeSignal(count: number, ctx: SimContext): number {
  return count > 0 ? ctx.spikeValue : 0;
}
