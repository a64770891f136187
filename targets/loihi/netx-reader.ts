// Read a lava-dl netx HDF5 file (loihi.md §2.1) the way netx's NetDict does: `type` decoded
// from bytes (shape (1,) or scalar), `weight`/`bias` truncated to integers, everything else as
// stored. Every layer type parses; only input and dense layers can be turned into a network.
import { DynalignError } from '../../src/util/errors.js';
import { loadH5 } from './h5.js';
import type { NetxDense, NetxDescription, NetxNeuron } from './netx-model.js';

/** One `layer/<i>` group: its type, shape, neuron scalars and every other dataset by name. */
export interface NetxFileLayer {
  index: number;
  type: string;
  shape: number[];
  neuron?: Record<string, number | string>;
  /** Other datasets, numbers flattened, with their shapes and HDF5 dtype strings. */
  datasets: Record<string, { shape: number[]; dtype: string; values: number[] | string }>;
}

type H5 = Awaited<ReturnType<typeof loadH5>>;
type H5Group = InstanceType<H5['Group']>;
type H5Dataset = InstanceType<H5['Dataset']>;

/** Every layer of a netx file, in numeric order (netx reads layer/0 … layer/n−1). */
export async function readNetxFile(path: string): Promise<NetxFileLayer[]> {
  const h5 = await loadH5();
  let f: InstanceType<H5['File']>;
  try {
    f = new h5.File(path, 'r');
  } catch (cause) {
    throw new DynalignError('E_NETX', 'cannot open netx file', {
      file: path,
      fix: 'pass an HDF5 .net file',
      cause,
    });
  }
  try {
    const root = f.get('layer');
    if (!(root instanceof h5.Group)) {
      throw new DynalignError('E_NETX', 'no `layer` group', {
        file: path,
        field: '/layer',
        fix: 'netx files keep layers under /layer',
      });
    }
    const keys = root
      .keys()
      .filter((k) => /^\d+$/.test(k))
      .sort((a, b) => Number(a) - Number(b));
    return keys.map((k) => readLayer(h5, root.get(k) as H5Group, Number(k), path));
  } finally {
    f.close();
  }
}

function readLayer(h5: H5, g: H5Group, index: number, path: string): NetxFileLayer {
  const at = `/layer/${index}`;
  const datasets: NetxFileLayer['datasets'] = {};
  let neuron: NetxFileLayer['neuron'];
  for (const key of g.keys()) {
    const o = g.get(key);
    if (o instanceof h5.Group && key === 'neuron') {
      neuron = {};
      for (const nk of o.keys()) {
        const v = valuesOf(o.get(nk) as H5Dataset);
        neuron[nk] = typeof v === 'string' ? v : v[0]!;
      }
    } else if (o instanceof h5.Dataset) {
      datasets[key] = { shape: o.shape ?? [], dtype: String(o.dtype), values: valuesOf(o) };
    }
  }
  const type = datasets.type?.values;
  if (typeof type !== 'string') {
    throw new DynalignError('E_NETX', 'layer has no string `type`', {
      file: path,
      field: `${at}/type`,
      fix: 'write type as |S10',
    });
  }
  const shape = datasets.shape?.values;
  delete datasets.type;
  delete datasets.shape;
  return { index, type, shape: Array.isArray(shape) ? shape : [], neuron, datasets };
}

/** A dataset's values: strings joined (a (1,) byte string is one type name), numbers as doubles. */
function valuesOf(d: H5Dataset): number[] | string {
  const v = d.value as unknown;
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join('');
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return [Number(v)];
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number | bigint>, Number);
  return [];
}

/** netx's neuron defaults for a dense layer without a `neuron` group (§2.2; 1 << 18 - 1 = 2^17). */
const DEFAULT_NEURON: NetxNeuron = {
  type: 'CUBA',
  iDecay: 0,
  vDecay: 4096,
  vThMant: 1 << 17,
  refDelay: 1,
  gradedSpike: false,
};

/** Turn input + dense layers into a description netx would run; other layer types are refused. */
export function toDescription(layers: NetxFileLayer[], path: string): NetxDescription {
  const dense: NetxDense[] = [];
  let inputShape: number[] | undefined;
  for (const l of layers) {
    const at = `/layer/${l.index}`;
    if (l.type === 'input' && dense.length === 0) {
      if (l.neuron) {
        throw new DynalignError(
          'E_NETX',
          'input layers with a neuron are driven through bias_mant, not emulated',
          {
            file: path,
            field: `${at}/neuron`,
            fix: 'write the input layer with only its shape',
          },
        );
      }
      inputShape = l.shape;
      continue;
    }
    if (l.type !== 'dense') {
      throw new DynalignError('E_NETX', `layer type '${l.type}' is parsed but not emulated`, {
        file: path,
        field: `${at}/type`,
        value: l.type,
        fix: 'the Loihi emulator runs input and dense layers',
      });
    }
    const out = l.shape.reduce((a, b) => a * b, 1);
    const w = l.datasets.weight;
    if (!w || typeof w.values === 'string') {
      throw new DynalignError('E_NETX', 'dense layer has no weight', {
        file: path,
        field: `${at}/weight`,
        fix: 'store weight [out][in]',
      });
    }
    const inF = w.values.length / out;
    const type = String(l.neuron?.type ?? 'CUBA');
    if (type !== 'CUBA' && type !== 'LOIHI') {
      throw new DynalignError('E_NETX', `neuron type '${type}' is not emulated`, {
        file: path,
        field: `${at}/neuron/type`,
        value: type,
        fix: 'the Loihi emulator runs CUBA/LOIHI (LIF) neurons',
      });
    }
    const neuron = l.neuron
      ? {
          type: type as NetxNeuron['type'],
          iDecay: num(l.neuron.iDecay),
          vDecay: num(l.neuron.vDecay),
          vThMant: num(l.neuron.vThMant),
          refDelay: num(l.neuron.refDelay ?? 1),
          gradedSpike: num(l.neuron.gradedSpike ?? 0) !== 0,
        }
      : DEFAULT_NEURON;
    const b = l.datasets.bias?.values;
    dense.push({
      type: 'dense',
      name: `layer${l.index}`,
      outFeatures: out,
      inFeatures: inF,
      neuron,
      weight: Float32Array.from(w.values),
      bias: Array.isArray(b) ? Float32Array.from(b) : undefined,
    });
  }
  if (dense.length === 0)
    throw new DynalignError('E_NETX', 'no dense layer', {
      file: path,
      field: '/layer',
      fix: 'add dense layers',
    });
  return { inputShape: inputShape ?? [dense[0]!.inFeatures], layers: dense };
}

function num(x: number | string | undefined): number {
  return typeof x === 'number' ? x : Number(x);
}
