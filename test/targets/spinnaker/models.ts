// Small trained-looking chains and inputs for SpiNNaker compile and emulate tests.
import { buildLeakyModel } from '../../../src/ir/build.js';
import type { IrModel } from '../../../src/ir/model.js';
import type { EncodedSet } from '../../../src/encoding/encoder.js';
import { mulberry32 } from '../../../src/util/random.js';

/** Roughly normal numbers from a seed (sum of six uniforms). */
export function gaussian(seed: number): () => number {
  const rnd = mulberry32(seed);
  return () => rnd() + rnd() + rnd() + rnd() + rnd() + rnd() - 3;
}

/** A 21 → h → h → 10 chain with snnTorch-style export and the given reset. */
export function makeChainModel(
  h: number,
  reset: 'zero' | 'subtract' = 'zero',
  seed = 7,
  widths: [number, number, number] = [0.5, 0.4, 0.4],
): IrModel {
  const g = gaussian(seed);
  const layer = (nIn: number, nOut: number, beta: number, ws: number) => ({
    nIn,
    nOut,
    beta,
    threshold: 1,
    weight: Float32Array.from({ length: nIn * nOut }, () => g() * ws),
    bias: Float32Array.from({ length: nOut }, () => g() * 0.05),
  });
  const model = buildLeakyModel(
    [layer(21, h, 0.95, widths[0]), layer(h, h, 0.9, widths[1]), layer(h, 10, 0.9, widths[2])],
    { dt: 1e-4, integrator: 'euler', reset, spikes: 'unit' },
  );
  model.encoder = {
    system: 'mixed-oscillator',
    params: {},
    h: 0.01,
    tmax: 8,
    numSteps: 5,
    nFeatures: 7,
    sigmaLambda: 0,
  };
  return model;
}

/** n random encoded inputs of 5 steps × 21 channels with labels. */
export function makeInputs(n: number, seed = 3): EncodedSet {
  const g = gaussian(seed);
  const rnd = mulberry32(seed + 1);
  return {
    n,
    steps: 5,
    channels: 21,
    data: Float32Array.from({ length: n * 5 * 21 }, () => g()),
    labels: Uint8Array.from({ length: n }, () => Math.floor(rnd() * 10)),
  };
}

/** Rename graph nodes (and their edges), e.g. to hostile names. */
export function renameNodes(model: IrModel, names: Record<string, string>): IrModel {
  const nodes = Object.fromEntries(
    Object.entries(model.graph.nodes).map(([k, v]) => [names[k] ?? k, v]),
  );
  const edges = model.graph.edges.map(
    ([s, t]) => [names[s] ?? s, names[t] ?? t] as [string, string],
  );
  return { ...model, graph: { ...model.graph, nodes, edges } };
}
