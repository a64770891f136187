// Build an execution plan from a model and a numeric profile: inline nested graphs, order the
// nodes, infer shapes, build each op, and decide which layer each node's work is counted in.
import type { IrModel } from '../ir/model.js';
import { sizeOf } from '../ir/tensor.js';
import { SNNTORCH_DISCRETISATION } from '../ir/chain.js';
import type { NumericProfile } from '../quantize/profile.js';
import { DynalignError } from '../util/errors.js';
import { flattenGraph, orderGraph, type OrderedGraph } from './graph.js';
import { opBytes, opFor, opSynapses } from './plan-ops.js';
import type { DenseOp, Plan, PlanLayer, PlanNode } from './plan-types.js';
import { createRowsArena, type RowsArena } from './wasm/arena.js';
import { inferShapes } from './shapes.js';

/** The ordered, shape-checked graph of a model (shared by the quantiser and the planner). */
export function orderedModel(model: IrModel): { g: OrderedGraph; shapes: Map<string, number[]> } {
  const g = orderGraph(flattenGraph(model.graph));
  return { g, shapes: inferShapes(g) };
}

export interface PlanOptions {
  /** Use the WebAssembly SIMD path for int8 dense layers where available (default true). */
  simd?: boolean;
}

/** Plan a model for a profile; throws DynalignError for graphs or parameters it cannot run. */
export function buildPlan(model: IrModel, profile: NumericProfile, opts: PlanOptions = {}): Plan {
  const { g, shapes } = orderedModel(model);
  const disc = model.discretisation ?? SNNTORCH_DISCRETISATION;
  const index = new Map(g.order.map((k, i) => [k, i]));

  // One op per node, in execution order.
  const nodes: PlanNode[] = g.order.map((name) => {
    const node = g.nodes.get(name)!;
    const ins = g.incoming.get(name)!;
    const fwd = ins.find((e) => !e.recurrent) ?? ins[0];
    const shape = shapes.get(name)!;
    const size = sizeOf(shape);
    const inShape = fwd ? shapes.get(fwd.from)! : shape;
    const op = opFor({ name, node, inShape, size, disc, profile });
    return {
      name,
      type: node.type,
      shape,
      size,
      op,
      inputs: ins.map((e) => ({ src: index.get(e.from)!, recurrent: e.recurrent })),
      spiking: false,
      layer: -1,
    };
  });

  // Which outputs are spikes: spiking neurons and thresholds; pass-through nodes inherit.
  for (const n of nodes) {
    if (n.op.kind === 'neuron-float') n.spiking = n.op.c.spiking;
    else if (n.op.kind === 'neuron-int') n.spiking = n.op.spiking;
    else if (n.op.kind === 'threshold') n.spiking = true;
    else if (n.op.kind === 'input') n.spiking = profile.input.mode === 'binary';
    else if (n.op.kind === 'pass' || n.op.kind === 'delay') {
      n.spiking = n.inputs.length > 0 && n.inputs.every((e) => nodes[e.src]!.spiking);
    }
  }
  const outputs = nodes.filter((n) => n.type === 'Output');
  if (outputs.length !== 1) {
    throw new DynalignError(
      'E_GRAPH',
      `the emulator needs exactly one Output node, found ${outputs.length}`,
      {
        field: 'graph',
        fix: 'give the network one Output node after its last layer',
      },
    );
  }
  checkRingInputs(nodes);
  const layers = assignLayers(nodes, g, index);
  const reset = resolveReset(profile, disc.reset);
  const arena = opts.simd === false ? undefined : moveToArena(nodes);
  const plainBytes = nodes.reduce(
    (a, n) => a + (n.op.kind === 'dense' && n.op.wasm ? 0 : opBytes(n.op)),
    0,
  );
  return {
    profile,
    integer: profile.kind === 'integer',
    nodes,
    layers,
    input: 0,
    output: nodes.indexOf(outputs[0]!),
    channels: nodes[0]!.size,
    reset,
    paramBytes: plainBytes + (arena?.memory.buffer.byteLength ?? 0),
    synapses: nodes.reduce((a, n) => a + opSynapses(n.op, n.size), 0),
  };
}

/** Copy every int8 dense matrix into one WebAssembly arena so the SIMD loop can read it. */
function moveToArena(nodes: PlanNode[]): RowsArena | undefined {
  const ops = nodes
    .map((n) => n.op)
    .filter((op): op is DenseOp => op.kind === 'dense' && op.wt instanceof Int8Array);
  if (ops.length === 0) return undefined;
  const bytes = ops.reduce((a, op) => a + Math.ceil(op.wt.length / 16) * 16, 0);
  const maxIn = ops.reduce((a, op) => Math.max(a, op.nIn), 0);
  const maxStride = ops.reduce((a, op) => Math.max(a, op.stride), 0);
  const arena = createRowsArena(bytes, maxIn, maxStride);
  if (!arena) return undefined;
  for (const op of ops) {
    const { ptr, view } = arena.place(op.wt as Int8Array);
    op.wt = view;
    op.wasm = { arena, ptr };
  }
  return arena;
}

/** The reset rule the run uses: the profile's own, or the model's where the profile defers. */
export function resolveReset(
  profile: NumericProfile,
  modelReset: 'zero' | 'subtract',
): Plan['reset'] {
  const mode = profile.reset.mode === 'model' ? modelReset : profile.reset.mode;
  const timing =
    profile.reset.timing === 'model'
      ? mode === 'zero'
        ? 'same-step'
        : 'next-step'
      : profile.reset.timing;
  return {
    zero: mode === 'zero',
    sameStep: timing === 'same-step',
    refractory: profile.reset.refractorySteps,
    setOnNext: profile.reset.nextStepZero === 'set',
  };
}

/** A synapse stage adds weight rows per spike, so its input must be spikes. */
function checkRingInputs(nodes: PlanNode[]): void {
  for (const n of nodes) {
    if (n.op.kind !== 'ring') continue;
    const src = n.inputs.length === 1 ? nodes[n.inputs[0]!.src]! : undefined;
    if (src?.spiking && !n.inputs[0]!.recurrent) continue;
    throw new DynalignError('E_GRAPH', 'a synapse stage takes one forward spiking input', {
      field: n.name,
      value: src ? `${src.name} (${src.spiking ? 'recurrent' : 'graded'})` : n.inputs.length,
      fix: 'feed the synaptic node from one spiking layer, or binary input spikes',
    });
  }
}

function isLayerOp(kind: string): boolean {
  return kind === 'neuron-float' || kind === 'neuron-int' || kind === 'threshold';
}

/** Neuron and Threshold nodes are layers; other work goes to the next layer downstream. */
function assignLayers(nodes: PlanNode[], g: OrderedGraph, index: Map<string, number>): PlanLayer[] {
  const layers: PlanLayer[] = [];
  nodes.forEach((n, i) => {
    if (!isLayerOp(n.op.kind)) return;
    n.layer = layers.length;
    layers.push({ name: n.name, neurons: n.size, node: i });
  });
  const downstream = (i: number, seen: Set<number>): number => {
    if (isLayerOp(nodes[i]!.op.kind)) return nodes[i]!.layer;
    seen.add(i);
    for (const t of g.outgoing.get(nodes[i]!.name)!) {
      const j = index.get(t)!;
      if (seen.has(j)) continue;
      const l = downstream(j, seen);
      if (l >= 0) return l;
    }
    return -1;
  };
  nodes.forEach((n, i) => {
    const worker = ['dense', 'ring', 'conv', 'pool', 'scale'].includes(n.op.kind);
    if (!worker || n.layer >= 0) return;
    n.layer = downstream(i, new Set());
    if (n.layer < 0) {
      n.layer = layers.length;
      layers.push({ name: n.name, neurons: 0, node: i });
    }
  });
  return layers;
}
