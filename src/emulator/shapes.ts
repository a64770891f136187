// Output shapes of every node, inferred from the Input forward (no batch dimension, NIR's
// convention), with the conv/pool size rule of PyTorch: floor((N + 2p − d(K−1) − 1)/s + 1).
import type { IrNode } from '../ir/model.js';
import { sizeOf } from '../ir/tensor.js';
import { DynalignError } from '../util/errors.js';
import type { OrderedGraph } from './graph.js';
import { numeric, pair, scalarInt, shapeParam } from './params.js';

/** Geometry of a 2-D convolution or pooling window (Conv1d is a 1-row Conv2d). */
export interface Window2d {
  cIn: number;
  hIn: number;
  wIn: number;
  cOut: number;
  hOut: number;
  wOut: number;
  kh: number;
  kw: number;
  stride: [number, number];
  pad: [number, number];
  dilation: [number, number];
  groups: number;
}

/** Shapes of all nodes in execution order; a width mismatch names both nodes. */
export function inferShapes(g: OrderedGraph): Map<string, number[]> {
  const shapes = new Map<string, number[]>();
  for (const name of g.order) {
    const node = g.nodes.get(name)!;
    const ins = g.incoming.get(name)!.filter((e) => shapes.has(e.from));
    const inShape = ins.length > 0 ? shapes.get(ins[0]!.from)! : undefined;
    for (const e of ins.slice(1)) {
      const s = shapes.get(e.from)!;
      if (sizeOf(s) !== sizeOf(inShape!)) {
        throw new DynalignError('E_SHAPE', 'edges into one node carry different widths', {
          field: `${e.from} → ${name}`,
          value: { [ins[0]!.from]: inShape, [e.from]: s },
          fix: 'summed inputs must have the same number of elements',
        });
      }
    }
    shapes.set(name, outputShape(name, node, inShape));
  }
  return shapes;
}

function outputShape(name: string, node: IrNode, inShape: number[] | undefined): number[] {
  if (node.type === 'Input') {
    const s = shapeParam(node, 'shape');
    if (!s)
      throw new DynalignError('E_GRAPH', 'Input node has no shape', { field: `${name}.shape` });
    return s;
  }
  if (!inShape) {
    throw new DynalignError('E_GRAPH', 'node has no forward input', {
      field: name,
      fix: 'every node needs a path from the Input that is not only a recurrent edge',
    });
  }
  switch (node.type) {
    case 'Affine':
    case 'Linear': {
      const w = numeric(node, 'weight', name).shape;
      const nIn = w[w.length - 1]!;
      checkWidth(name, 'weight', sizeOf(inShape), nIn);
      return [w[w.length - 2]!];
    }
    case 'Conv1d':
    case 'Conv2d':
    case 'SumPool2d':
    case 'AvgPool2d': {
      const win = windowOf(name, node, inShape);
      return node.type === 'Conv1d' ? [win.cOut, win.wOut] : [win.cOut, win.hOut, win.wOut];
    }
    case 'Flatten':
      return flattenShape(node, inShape);
    default:
      return inShape;
  }
}

function checkWidth(name: string, field: string, got: number, want: number): void {
  if (got === want) return;
  throw new DynalignError('E_SHAPE', `input width ${got} does not match ${field}`, {
    field: `${name}.${field}`,
    value: got,
    fix: `the node expects ${want} inputs`,
  });
}

/** Window geometry of a conv or pool node on an input of shape [C, H, W] (or [C, N] for 1-D). */
export function windowOf(name: string, node: IrNode, inShape: number[]): Window2d {
  const is1d = node.type === 'Conv1d';
  const [cIn, hIn, wIn] = is1d
    ? [inShape[0]!, 1, inShape[1]!]
    : (inShape as [number, number, number]);
  if (inShape.length !== (is1d ? 2 : 3)) {
    throw new DynalignError(
      'E_SHAPE',
      `${node.type} needs a ${is1d ? '[C, N]' : '[C, H, W]'} input`,
      {
        field: name,
        value: inShape,
        fix: 'NIR shapes carry no batch dimension; drop a leading batch of 1',
      },
    );
  }
  const isPool = node.type === 'SumPool2d' || node.type === 'AvgPool2d';
  let kh: number, kw: number, cOut: number, groups: number;
  if (isPool) {
    [kh, kw] = pair(node, 'kernel_size', name, 1);
    cOut = cIn;
    groups = cIn;
  } else {
    const w = numeric(node, 'weight', name).shape;
    cOut = w[0]!;
    kh = is1d ? 1 : w[2]!;
    kw = is1d ? w[2]! : w[3]!;
    groups = scalarInt(node, 'groups', 1);
    checkWidth(name, 'weight', (w[1] ?? 0) * groups, cIn);
  }
  const s = is1d
    ? [1, pair(node, 'stride', name, 1)[0]]
    : pair(node, 'stride', name, isPool ? kh : 1);
  const d = is1d ? [1, pair(node, 'dilation', name, 1)[0]] : pair(node, 'dilation', name, 1);
  const pad = paddingOf(node, name, [kh, kw], d as [number, number], is1d);
  const out = (n: number, p: number, dd: number, k: number, st: number) =>
    Math.floor((n + 2 * p - dd * (k - 1) - 1) / st + 1);
  return {
    cIn,
    hIn,
    wIn,
    cOut,
    hOut: out(hIn, pad[0], d[0]!, kh, s[0]!),
    wOut: out(wIn, pad[1], d[1]!, kw, s[1]!),
    kh,
    kw,
    stride: s as [number, number],
    pad,
    dilation: d as [number, number],
    groups,
  };
}

function paddingOf(
  node: IrNode,
  name: string,
  k: [number, number],
  d: [number, number],
  is1d: boolean,
): [number, number] {
  const p = node.params.padding;
  if (p === 'valid') return [0, 0];
  // 'same' with stride 1 pads d(K−1) in total, the smaller half first (PyTorch's rule).
  if (p === 'same')
    return [Math.floor((d[0] * (k[0] - 1)) / 2), Math.floor((d[1] * (k[1] - 1)) / 2)];
  if (is1d) return [0, pair(node, 'padding', name, 0)[0]];
  return pair(node, 'padding', name, 0);
}

function flattenShape(node: IrNode, inShape: number[]): number[] {
  const r = inShape.length;
  const norm = (v: number) => (v < 0 ? v + r : v);
  const start = norm(scalarInt(node, 'start_dim', 1));
  const end = norm(scalarInt(node, 'end_dim', -1));
  if (r === 0 || start >= r || end < start) return [sizeOf(inShape)];
  const mid = inShape.slice(start, end + 1).reduce((a, b) => a * b, 1);
  return [...inShape.slice(0, start), mid, ...inShape.slice(end + 1)];
}
