// The cycle model of the sequencer (README §3), shared by the emulator, the manifest and tests.

// Per step: 1 DONE cycle; per layer: LBEGIN + the end-of-events FETCH + 2 update drain cycles.
export const STEP_OVERHEAD_CYCLES = 1;
export const LAYER_OVERHEAD_CYCLES = 4;
// FETCH + DECODE for every event source entry (input channel or spike).
export const CYCLES_PER_SOURCE = 2;

/**
 * Cycles of one layer in one step: 2·n_src + nz·R + nOut + 4, where n_src entries are fetched
 * (all input channels for layer 0, the previous layer's spikes otherwise) and nz of them are
 * non-zero and read a weight row of R words.
 */
export function layerCycles(nSrc: number, nz: number, rows: number, nOut: number): number {
  return CYCLES_PER_SOURCE * nSrc + nz * rows + nOut + LAYER_OVERHEAD_CYCLES;
}

/** Bounds of one step's cycles: no event at all, and every input and neuron active. */
export function stepCycleBounds(
  nInputs: number,
  layers: ReadonlyArray<{ nOut: number; rows: number }>,
): { min: number; max: number } {
  let min = STEP_OVERHEAD_CYCLES;
  let max = STEP_OVERHEAD_CYCLES;
  let prev = nInputs;
  layers.forEach((l, k) => {
    min += layerCycles(k === 0 ? nInputs : 0, 0, l.rows, l.nOut);
    max += layerCycles(prev, prev, l.rows, l.nOut);
    prev = l.nOut;
  });
  return { min, max };
}
