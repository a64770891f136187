// Shared paths and small factories for the Loihi target tests.
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IrModel } from '../../../src/ir/model.ts';
import type { EncodedSet } from '../../../src/encoding/encoder.ts';
import { buildLeakyModel } from '../../../src/ir/build.ts';
import { loadModel } from '../../../src/io/model-file.ts';
import { decodeNpy } from '../../../targets/loihi/npy.ts';

/** The read-only fixtures shared by all engineers. */
export const FIXTURES = fileURLToPath(new URL('../../../../shared/fixtures', import.meta.url));

/** The repository root, for CLI runs. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A fresh temporary folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'dynalign-loihi-'));
}

/** Deterministic uniform numbers in [0, 1). */
export function makeRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A Gaussian sample from a uniform source (Box–Muller). */
export function gauss(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
}

/**
 * An snnTorch-style Leaky chain (sizes[0] → … → sizes[end]) with random weights, β and θ per
 * layer, reset by subtraction and a mixed-oscillator encoder (so its first layer is analog).
 */
export function makeLeakyModel(sizes: number[], seed = 1, gain = 2, beta = 0.9): IrModel {
  const rnd = makeRandom(seed);
  const layers = sizes.slice(1).map((nOut, k) => {
    const nIn = sizes[k]!;
    const weight = Float32Array.from(
      { length: nOut * nIn },
      () => (gauss(rnd) * gain) / Math.sqrt(nIn),
    );
    const bias = Float32Array.from({ length: nOut }, () => 0.05 * gauss(rnd));
    return { weight, bias, nIn, nOut, beta, threshold: 1 };
  });
  const model = buildLeakyModel(layers, {
    dt: 1e-4,
    integrator: 'euler',
    reset: 'subtract',
    spikes: 'unit',
  });
  model.encoder = {
    system: 'mixed-oscillator',
    params: {},
    h: 0.01,
    tmax: 8,
    numSteps: 5,
    nFeatures: sizes[0]! / 3,
    sigmaLambda: -4,
  };
  return model;
}

/** n random analog inputs of `steps` × `channels` in [−1, 1), with labels from `label`. */
export function makeInputs(n: number, steps: number, channels: number, seed = 3): EncodedSet {
  const rnd = makeRandom(seed);
  const data = Float32Array.from({ length: n * steps * channels }, () => 2 * rnd() - 1);
  return { n, steps, channels, data, labels: new Uint8Array(n) };
}

/** The small demo networks of fixtures/ (21 → 64 → 64 → 64 → 10) with their test inputs. */
export async function loadDemoFixture(
  mode: string,
): Promise<{ model: IrModel; inputs: EncodedSet & { labels: Uint8Array } }> {
  const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));
  const model = await loadModel(`${dir}demo-${mode}.nirpb`);
  const x = decodeNpy(readFileSync(`${dir}demo-${mode}-test.npy`));
  const labels = decodeNpy(readFileSync(`${dir}demo-${mode}-labels.npy`)).data as Uint8Array;
  const [n, steps, channels] = x.shape as [number, number, number];
  return { model, inputs: { n, steps, channels, data: x.data as Float32Array, labels } };
}
