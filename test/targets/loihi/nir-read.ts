// A minimal reader of flat .nir files (HDF5) for these tests: node groups with a `type` string
// and one dataset per field, and the (E, 2) edge list. Nested graphs are not read.
import type { IrModel, IrNode, NodeType, ParamValue } from '../../../src/ir/model.ts';
import type { NdArray } from '../../../src/ir/tensor.ts';
import { loadH5 } from '../../../targets/loihi/h5.ts';

/** Read a flat NIR graph into the IR, keeping float32/int64 fields as stored. */
export async function readFlatNir(path: string): Promise<IrModel> {
  const h5 = await loadH5();
  const f = new h5.File(path, 'r');
  try {
    const nodesGroup = f.get('node/nodes') as InstanceType<typeof h5.Group>;
    const nodes: Record<string, IrNode> = {};
    for (const name of nodesGroup.keys()) {
      const g = nodesGroup.get(name) as InstanceType<typeof h5.Group>;
      const params: Record<string, ParamValue> = {};
      let type = '';
      for (const key of g.keys()) {
        const d = g.get(key) as InstanceType<typeof h5.Dataset>;
        if (key === 'type') type = String(d.value);
        else params[key] = toNd(d);
      }
      nodes[name] = { type: type as NodeType, params, metadata: {} };
    }
    const e = (f.get('node/edges') as InstanceType<typeof h5.Dataset>).value as string[];
    const edges: Array<[string, string]> = [];
    for (let i = 0; i < e.length; i += 2) edges.push([e[i]!, e[i + 1]!]);
    return {
      nirVersion: String((f.get('version') as InstanceType<typeof h5.Dataset>).value),
      graph: { nodes, edges, metadata: {} },
    };
  } finally {
    f.close();
  }
}

function toNd(d: { value: unknown; shape: number[] | null }): NdArray {
  const v = d.value;
  const shape = d.shape ?? [];
  if (v instanceof Float32Array) return { dtype: 'float32', shape, data: v };
  if (v instanceof Float64Array) return { dtype: 'float64', shape, data: v };
  if (v instanceof BigInt64Array) return { dtype: 'int64', shape, data: v };
  throw new TypeError(`unsupported NIR dataset ${typeof v}`);
}
