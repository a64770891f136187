// Factories for the bridge tests: a small demo network, its inputs, and message arbitraries.
import fc from 'fast-check';
import { buildLeakyModel } from '../../src/ir/build.js';
import type { IrModel } from '../../src/ir/model.js';
import type { EncodedSet } from '../../src/encoding/encoder.js';
import { mulberry32 } from '../../src/util/random.js';
import {
  LAYOUTS,
  MAX_PAYLOAD,
  type Message,
  type MessageKind,
} from '../../src/bridge/gen/messages.js';

/** A 12 → hidden → 10 LIF network with seeded weights (snnTorch-style export). */
export function makeDemoModel(hidden = 24, seed = 7): IrModel {
  const rnd = mulberry32(seed);
  const layer = (nIn: number, nOut: number, beta: number) => ({
    nIn,
    nOut,
    beta,
    threshold: 1,
    weight: Float32Array.from({ length: nIn * nOut }, () => (rnd() - 0.4) * 0.6),
    bias: Float32Array.from({ length: nOut }, () => rnd() * 0.05),
  });
  return buildLeakyModel([layer(12, hidden, 0.9), layer(hidden, 10, 0.85)], {
    dt: 1e-4,
    integrator: 'euler',
    reset: 'subtract',
    spikes: 'unit',
  });
}

/** n graded input sequences of 20 steps × 12 channels, seeded. */
export function makeInputs(n: number, seed = 11): EncodedSet {
  const rnd = mulberry32(seed);
  const steps = 20;
  const channels = 12;
  const data = Float32Array.from({ length: n * steps * channels }, () => (rnd() - 0.5) * 4);
  return { n, steps, channels, data };
}

/** fpga target options of the demo: inputs quantised at 1/32 per code. */
export const DEMO_TARGET = { inputScale: 1 / 32 };

/** Any message of the protocol, with every field in range. */
export function arbMessage(): fc.Arbitrary<Message> {
  const kinds = Object.keys(LAYOUTS) as MessageKind[];
  return fc.constantFrom(...kinds).chain((kind) => {
    const fields: Record<string, fc.Arbitrary<unknown>> = { kind: fc.constant(kind) };
    for (const [name, type] of LAYOUTS[kind]) {
      if (type === 'u8') fields[name] = fc.integer({ min: 0, max: 0xff });
      else if (type === 'u16') fields[name] = fc.integer({ min: 0, max: 0xffff });
      else if (type === 'u32') fields[name] = fc.integer({ min: 0, max: 0xffffffff });
      else if (type === 'u64') fields[name] = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
      else fields[name] = fc.uint8Array({ maxLength: MAX_PAYLOAD - 16 });
    }
    return fc.record(fields) as fc.Arbitrary<Message>;
  });
}
