// Write network.net: the lava-dl netx HDF5 layout that `netx.hdf5.Network` reads (loihi.md §2.1),
// with the dtypes of the files lava-dl ships: `type` |S10 (1,), `shape` int64, neuron scalars
// int64 with a vlen-string `type`, `weight` and `bias` float32 holding integers.
import type { NetxDescription } from './netx-model.js';
import { loadH5 } from './h5.js';

/** Provenance written under /dynalign (netx reads only /layer, so this group is inert). */
export interface NetxStamp {
  tool: string;
  toolVersion: string;
  sourceModelSha256: string;
  note: string;
}

/**
 * Write the description to `path`. Layer 0 is an `input` layer holding only its shape, so netx
 * builds no input neuron and the first Dense takes `input_message_bits` from hdf5.Network.
 * LIMITATION: `gradedSpike` is written as int8 0/1; h5py writes numpy bool as an HDF5 enum
 * (FALSE/TRUE), which h5wasm 0.10 cannot create. netx never reads this field (§2.2).
 */
export async function writeNetx(
  path: string,
  desc: NetxDescription,
  stamp: NetxStamp,
  steps: number,
): Promise<void> {
  const h5 = await loadH5();
  const f = new h5.File(path, 'w');
  try {
    f.create_group('layer');
    const input = f.create_group('layer/0');
    input.create_dataset({ name: 'type', data: ['input'], shape: [1], dtype: 'A10' });
    input.create_dataset({
      name: 'shape',
      data: BigInt64Array.from(desc.inputShape, BigInt),
      shape: [desc.inputShape.length],
    });
    desc.layers.forEach((d, k) => {
      const g = f.create_group(`layer/${k + 1}`);
      g.create_dataset({ name: 'type', data: ['dense'], shape: [1], dtype: 'A10' });
      g.create_dataset({
        name: 'shape',
        data: BigInt64Array.of(BigInt(d.outFeatures)),
        shape: [1],
      });
      g.create_dataset({
        name: 'inFeatures',
        data: BigInt64Array.of(BigInt(d.inFeatures)),
        shape: [],
      });
      g.create_dataset({
        name: 'outFeatures',
        data: BigInt64Array.of(BigInt(d.outFeatures)),
        shape: [],
      });
      g.create_dataset({ name: 'weight', data: d.weight, shape: [d.outFeatures, d.inFeatures] });
      if (d.bias) g.create_dataset({ name: 'bias', data: d.bias, shape: [d.outFeatures] });
      const n = g.create_group('neuron');
      n.create_dataset({ name: 'type', data: d.neuron.type });
      for (const key of ['iDecay', 'vDecay', 'vThMant', 'refDelay'] as const) {
        n.create_dataset({ name: key, data: BigInt64Array.of(BigInt(d.neuron[key])), shape: [] });
      }
      n.create_dataset({
        name: 'gradedSpike',
        data: Int8Array.of(d.neuron.gradedSpike ? 1 : 0),
        shape: [],
      });
    });

    // Ignored by netx; tSample records the steps per inference, as SLAYER's exports do.
    const sim = f.create_group('simulation');
    sim.create_dataset({ name: 'Ts', data: BigInt64Array.of(1n), shape: [] });
    sim.create_dataset({ name: 'tSample', data: BigInt64Array.of(BigInt(steps)), shape: [] });
    const s = f.create_group('dynalign');
    for (const [k, v] of Object.entries(stamp)) s.create_dataset({ name: k, data: v });
  } finally {
    f.close();
  }
}
