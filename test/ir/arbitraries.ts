// fast-check generators of random valid IR models that use every NIR primitive: a chain from an
// Input through random layers fitting the current shape, nested recurrent graphs, metadata,
// quantisation records and the model-level extensions.
import fc from 'fast-check';
import type {
  IrModel, IrNode, Metadata, MetaValue, NodeQuantization, NodeType,
} from '../../src/ir/model.js';
import type { NdArray } from '../../src/ir/tensor.js';

type Shape = number[];
interface Stage {
  node: IrNode;
  out: Shape;
}

const size = (s: Shape): number => s.reduce((a, b) => a * b, 1);

/** A float tensor of a shape: float32 or float64, special values (NaN, −0, ±∞) included. */
export function floats(shape: Shape): fc.Arbitrary<NdArray> {
  const n = size(shape);
  return fc.oneof(
    fc.float32Array({ minLength: n, maxLength: n })
      .map((data) => ({ dtype: 'float32' as const, shape, data })),
    fc.float64Array({ minLength: n, maxLength: n })
      .map((data) => ({ dtype: 'float64' as const, shape, data })),
  );
}

/** Positive floats (time constants), float32 or float64. */
function positive(shape: Shape): fc.Arbitrary<NdArray> {
  const n = size(shape);
  const v = fc.double({ min: 1e-5, max: 1, noNaN: true });
  return fc.tuple(fc.array(v, { minLength: n, maxLength: n }), fc.boolean()).map(([xs, single]) =>
    single ? { dtype: 'float32', shape, data: Float32Array.from(xs) }
      : { dtype: 'float64', shape, data: Float64Array.from(xs) });
}

function ints(values: number[], shape?: Shape): NdArray {
  const data = BigInt64Array.from(values.map(BigInt));
  return { dtype: 'int64', shape: shape ?? [values.length], data };
}

function node(type: NodeType, params: IrNode['params']): IrNode {
  return { type, params, metadata: {} };
}

/** Element-wise primitives: their fields all have the signal's shape. */
const ELEMENTWISE: Record<string, Array<[string, 'f' | 'p']>> = {
  Scale: [['scale', 'f']],
  Delay: [['delay', 'p']],
  Threshold: [['threshold', 'f']],
  I: [['r', 'f']],
  IF: [['r', 'f'], ['v_threshold', 'f'], ['v_reset', 'f']],
  LI: [['tau', 'p'], ['r', 'f'], ['v_leak', 'f']],
  LIF: [['tau', 'p'], ['r', 'f'], ['v_leak', 'f'], ['v_threshold', 'f'], ['v_reset', 'f']],
  CubaLI: [['tau_syn', 'p'], ['tau_mem', 'p'], ['r', 'f'], ['v_leak', 'f'], ['w_in', 'f']],
  CubaLIF: [['tau_syn', 'p'], ['tau_mem', 'p'], ['r', 'f'], ['v_leak', 'f'], ['v_threshold', 'f'],
    ['v_reset', 'f'], ['w_in', 'f']],
};

function elementwise(type: string, s: Shape): fc.Arbitrary<Stage> {
  const fields = ELEMENTWISE[type]!;
  return fc.tuple(...fields.map(([, k]) => (k === 'p' ? positive(s) : floats(s)))).map((vals) => ({
    node: node(type as NodeType, Object.fromEntries(fields.map(([f], i) => [f, vals[i]!]))),
    out: s,
  }));
}

function dense(s: Shape, bias: boolean): fc.Arbitrary<Stage> {
  return fc.integer({ min: 1, max: 5 }).chain((m) =>
    fc.tuple(floats([m, s[0]!]), floats([m])).map(([weight, b]) => ({
      node: node(bias ? 'Affine' : 'Linear', bias ? { weight, bias: b } : { weight }),
      out: [m],
    })));
}

function conv(s: Shape): fc.Arbitrary<Stage> {
  const dims = s.length - 1;
  const params = fc.record({
    groups: fc.constantFrom(...[1, 2].filter((g) => s[0]! % g === 0)),
    outPerGroup: fc.integer({ min: 1, max: 2 }),
    k: fc.integer({ min: 1, max: 3 }),
    stride: fc.integer({ min: 1, max: 2 }),
    dilation: fc.integer({ min: 1, max: 2 }),
    pad: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom('same', 'valid')),
  });
  type Conv = typeof params extends fc.Arbitrary<infer C> ? C : never;
  const outSize = (c: Conv): number[] => {
    const stride = c.pad === 'same' ? 1 : c.stride;
    const p = typeof c.pad === 'string' ? 0 : c.pad;
    const span = c.dilation * (c.k - 1);
    return s.slice(1).map((n) => (c.pad === 'same' ? n
      : Math.floor((n + 2 * p - span - 1) / stride) + 1));
  };
  return params.filter((c) => outSize(c).every((n) => n >= 1)).chain((c) => {
    const cOut = c.groups * c.outPerGroup;
    const stride = c.pad === 'same' ? 1 : c.stride;
    const kernel = new Array<number>(dims).fill(c.k);
    const w = floats([cOut, s[0]! / c.groups, ...kernel]);
    return fc.tuple(w, floats([cOut])).map(([weight, bias]) => ({
      node: node(dims === 1 ? 'Conv1d' : 'Conv2d', {
        input_shape: dims === 1 ? ints([s[1]!], []) : ints(s.slice(1)),
        weight,
        stride: ints(new Array<number>(dims).fill(stride)),
        padding: typeof c.pad === 'string' ? c.pad : ints(new Array<number>(dims).fill(c.pad)),
        dilation: ints(new Array<number>(dims).fill(c.dilation)),
        groups: ints([c.groups], []),
        bias,
      }),
      out: [cOut, ...outSize(c)],
    }));
  });
}

function pool(s: Shape): fc.Arbitrary<Stage> {
  return fc.tuple(fc.constantFrom('SumPool2d', 'AvgPool2d'), fc.integer({ min: 1, max: 2 }))
    .map(([type, k]) => ({
      node: node(type as NodeType,
        { kernel_size: ints([k, k]), stride: ints([k, k]), padding: ints([0, 0]) }),
      out: [s[0]!, Math.floor(s[1]! / k), Math.floor(s[2]! / k)],
    }));
}

function flatten(s: Shape): fc.Arbitrary<Stage> {
  return fc.integer({ min: 0, max: s.length - 1 }).map((start) => ({
    node: node('Flatten',
      { start_dim: ints([start], []), end_dim: ints([-1], []), input_type: ints(s) }),
    out: [...s.slice(0, start), size(s.slice(start))],
  }));
}

/** A nested graph {input → lif ⇄ w_rec, lif → output} on a 1-D signal. */
function nested(s: Shape): fc.Arbitrary<Stage> {
  return fc.tuple(elementwise('LIF', s), floats([s[0]!, s[0]!])).map(([lif, w]) => ({
    node: {
      type: 'NIRGraph',
      params: {},
      metadata: {},
      graph: {
        nodes: {
          input: node('Input', { shape: ints(s) }),
          lif: lif.node,
          w_rec: node('Linear', { weight: w }),
          output: node('Output', { shape: ints(s) }),
        },
        edges: [['input', 'lif'], ['lif', 'w_rec'], ['w_rec', 'lif'], ['lif', 'output']],
        metadata: {},
      },
    },
    out: s,
  }));
}

/** One layer that fits an input shape. */
function stage(s: Shape): fc.Arbitrary<Stage> {
  const options: Array<fc.Arbitrary<Stage>> =
    Object.keys(ELEMENTWISE).map((t) => elementwise(t, s));
  if (s.length === 1) options.push(dense(s, true), dense(s, false), nested(s));
  if (s.length > 1) options.push(flatten(s), conv(s));
  if (s.length === 3 && s[1]! >= 2 && s[2]! >= 2) options.push(pool(s));
  return fc.oneof(...options);
}

const KEY = fc.stringMatching(/^[a-z][a-z0-9_.-]{0,8}$/).filter((k) => !k.startsWith('dynalign'));

/** Typed metadata as NIR writes it: strings, float64 numbers, arrays, nested dictionaries. */
export function metadata(depth = 0): fc.Arbitrary<Metadata> {
  const leaf: fc.Arbitrary<MetaValue> = fc.oneof(
    fc.string({ maxLength: 12 }).map((value) => ({ kind: 'string' as const, value })),
    fc.double().map((value) => ({ kind: 'number' as const, value })),
    fc.integer({ min: 1, max: 4 }).chain((n) => floats([n]))
      .map((value) => ({ kind: 'array' as const, value })),
  );
  const value = depth >= 1 ? leaf
    : fc.oneof(leaf, metadata(depth + 1).map((value) => ({ kind: 'dict' as const, value })));
  // fast-check builds null-prototype dictionaries; the codecs return plain objects.
  return fc.dictionary(KEY, value, { maxKeys: 3 }).map((d) => ({ ...d }));
}

const quantization = fc.record({
  profile: fc.constantFrom('int8', 'loihi', 'fpga'),
  intParams: fc.integer({ min: 1, max: 4 }).chain((n) =>
    fc.array(fc.integer({ min: -128, max: 127 }), { minLength: n, maxLength: n })
      .map((v) => ({ weight: { dtype: 'int8' as const, shape: [n], data: Int8Array.from(v) } }))),
  scales: fc.record({ weight: fc.double({ min: 1e-6, max: 1, noNaN: true }) }),
});

/** A random valid model: Input → 1..5 layers → Output, with optional extensions. */
export const modelArb: fc.Arbitrary<IrModel> = fc
  .oneof(
    fc.tuple(fc.integer({ min: 1, max: 4 })).map((s) => s),
    fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 3, max: 5 })).map((s) => [...s]),
    fc.tuple(fc.constantFrom(1, 2), fc.integer({ min: 3, max: 5 }), fc.integer({ min: 3, max: 5 }))
      .map((s) => [...s]),
  )
  .chain((inShape) => fc.integer({ min: 1, max: 5 }).chain((n) => chain(inShape, n)))
  .chain((stages) => fc.record({
    graphMeta: metadata(),
    nodeMeta: fc.array(metadata(), { minLength: stages.length, maxLength: stages.length }),
    quant: fc.option(quantization, { nil: undefined }),
    disc: fc.option(fc.record({
      dt: fc.double({ min: 1e-6, max: 1, noNaN: true }),
      integrator: fc.constantFrom('euler' as const, 'exact' as const),
      reset: fc.constantFrom('zero' as const, 'subtract' as const),
      spikes: fc.constantFrom('unit' as const, 'amplitude-over-dt' as const),
    }), { nil: undefined }),
    provenance: fc.option(fc.record({ tool: fc.string(), toolVersion: fc.string() }),
      { nil: undefined }),
  }).map((extra) => assemble(stages, extra)));

function chain(inShape: Shape, n: number): fc.Arbitrary<Stage[]> {
  const input: Stage = { node: node('Input', { shape: ints(inShape) }), out: inShape };
  let arb: fc.Arbitrary<Stage[]> = fc.constant([input]);
  for (let k = 0; k < n; k++) {
    arb = arb.chain((stages) => stage(stages[stages.length - 1]!.out).map((s) => [...stages, s]));
  }
  return arb;
}

interface Extra {
  graphMeta: Metadata;
  nodeMeta: Metadata[];
  quant?: NodeQuantization;
  disc?: IrModel['discretisation'];
  provenance?: IrModel['provenance'];
}

function assemble(stages: Stage[], extra: Extra): IrModel {
  const nodes: Record<string, IrNode> = {};
  const edges: Array<[string, string]> = [];
  const names = stages.map((s, k) => (k === 0 ? 'input' : `n${k}.${s.node.type.toLowerCase()}`));
  stages.forEach((s, k) => {
    const n = s.node.graph
      ? { ...s.node, graph: { ...s.node.graph, metadata: extra.nodeMeta[k]! } }
      : { ...s.node, metadata: extra.nodeMeta[k]! };
    if (k === 1 && extra.quant) {
      const q = extra.quant;
      n.quantization = [
        { profile: q.profile, intParams: { ...q.intParams }, scales: { ...q.scales } },
      ];
    }
    nodes[names[k]!] = n;
    if (k > 0) edges.push([names[k - 1]!, names[k]!]);
  });
  const last = stages[stages.length - 1]!.out;
  nodes.output = node('Output', { shape: ints(last) });
  edges.push([names[names.length - 1]!, 'output']);
  const graph = { nodes, edges, metadata: extra.graphMeta };
  const model: IrModel = { nirVersion: '1.0.7', graph };
  if (extra.disc) model.discretisation = { ...extra.disc };
  if (extra.provenance) model.provenance = { ...extra.provenance };
  return model;
}
