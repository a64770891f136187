// Shared factories and fixture paths for the IR tests.
import { fileURLToPath } from 'node:url';
import type { IrGraph, IrModel, IrNode } from '../../src/ir/model.js';
import { f32, f64, i64 } from '../../src/ir/tensor.js';
import { modelToJson } from '../../src/ir/json.js';

const SHARED = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));

/** Paths of the shared fixture folders. */
export const NIR_PAPER = `${SHARED}nir-paper/`;
export const NIR_LIB = `${SHARED}nir-lib/`;

/** A LIF node with per-neuron parameters (NIR's field names). */
export function makeLif(n: number, p: { tau?: number; r?: number; vTh?: number } = {}): IrNode {
  const fill = (v: number): ReturnType<typeof f64> => f64(new Float64Array(n).fill(v));
  return {
    type: 'LIF',
    params: { tau: fill(p.tau ?? 1e-3), r: fill(p.r ?? 1), v_leak: fill(0),
      v_threshold: fill(p.vTh ?? 1), v_reset: fill(0) },
    metadata: {},
  };
}

/** An Affine node from a row-major weight [nOut][nIn] and a zero bias. */
export function makeAffine(nOut: number, nIn: number, w: (o: number, i: number) => number): IrNode {
  const weight = Array.from({ length: nOut * nIn }, (_, k) => w(Math.floor(k / nIn), k % nIn));
  return {
    type: 'Affine',
    params: { weight: f32(weight, [nOut, nIn]), bias: f32(new Float32Array(nOut)) },
    metadata: {},
  };
}

/** An Input or Output port node. */
export function makePort(type: 'Input' | 'Output', shape: number[]): IrNode {
  return { type, params: { shape: i64(shape) }, metadata: {} };
}

/** A graph from nodes and edges, with empty metadata. */
export function makeGraph(nodes: Record<string, IrNode>, edges: Array<[string, string]>): IrGraph {
  return { nodes, edges, metadata: {} };
}

/** A model around a graph (NIR 1.0.7). */
export function makeModel(graph: IrGraph): IrModel {
  return { nirVersion: '1.0.7', graph };
}

/** Input[2] → enc/fc → enc/lif → Output, and a nested graph 'rnn/1' holding a node 'x/y'. */
export function makeSlashModel(): IrModel {
  const inner = makeGraph({
    in: makePort('Input', [2]),
    'x/y': makeLif(2),
    out: makePort('Output', [2]),
  }, [['in', 'x/y'], ['x/y', 'out']]);
  return makeModel(makeGraph({
    input: makePort('Input', [2]),
    'enc/fc': makeAffine(2, 2, (o, i) => (o === i ? 1 : 0)),
    'enc/lif': makeLif(2),
    'rnn/1': { type: 'NIRGraph', params: {}, metadata: {}, graph: inner },
    'a%b': makeLif(2),
    output: makePort('Output', [2]),
  }, [['input', 'enc/fc'], ['enc/fc', 'enc/lif'], ['enc/lif', 'rnn/1'], ['rnn/1', 'a%b'],
    ['a%b', 'output']]));
}

/** A canonical text of a model: key order removed, every value bit-exact (base64 for NaN/−0). */
export function canonical(model: IrModel): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (x && typeof x === 'object') {
      return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as never)[k])]));
    }
    return x;
  };
  return JSON.stringify(sort(JSON.parse(modelToJson(model))));
}
