// Reading node parameters for the emulator: numbers per neuron (0-d values broadcast), integer
// fields of convs and pools, and the quantised form a profile wrote into a node.
import type { IrNode, NodeQuantization } from '../ir/model.js';
import { toFloat64, type NdArray } from '../ir/tensor.js';
import { DynalignError } from '../util/errors.js';

/** A numeric field, or an error naming the node and the field. */
export function numeric(node: IrNode, key: string, name: string): NdArray {
  const p = node.params[key];
  if (p === undefined || typeof p === 'string') {
    throw new DynalignError('E_GRAPH', `node lacks numeric field '${key}'`, {
      field: `${name}.${key}`,
      fix: `give ${node.type} node '${name}' a numeric '${key}'`,
    });
  }
  return p;
}

/** One value per neuron: a full array, or a single value broadcast; `fallback` when absent. */
export function perNeuron(
  node: IrNode,
  key: string,
  name: string,
  n: number,
  fallback?: number,
): Float64Array {
  if (node.params[key] === undefined && fallback !== undefined)
    return new Float64Array(n).fill(fallback);
  const v = toFloat64(numeric(node, key, name));
  if (v.length === n) return v;
  if (v.length === 1) return new Float64Array(n).fill(v[0]!);
  throw new DynalignError('E_GRAPH', `field has ${v.length} values for ${n} neurons`, {
    field: `${name}.${key}`,
    value: v.length,
    fix: `give one value or ${n} values`,
  });
}

/** An integer pair field (stride, padding, kernel) from an int, a pair, or a default. */
export function pair(node: IrNode, key: string, name: string, fallback: number): [number, number] {
  const p = node.params[key];
  if (p === undefined) return [fallback, fallback];
  if (typeof p === 'string') {
    throw new DynalignError('E_GRAPH', `field must be numeric here`, {
      field: `${name}.${key}`,
      value: p,
    });
  }
  const v = toFloat64(p);
  if (v.length === 1) return [v[0]!, v[0]!];
  if (v.length === 2) return [v[0]!, v[1]!];
  throw new DynalignError('E_GRAPH', 'expected one or two values', {
    field: `${name}.${key}`,
    value: Array.from(v),
    fix: 'give an int or an (H, W) pair',
  });
}

/** A scalar integer field such as `groups` or `start_dim`. */
export function scalarInt(node: IrNode, key: string, fallback: number): number {
  const p = node.params[key];
  if (p === undefined || typeof p === 'string') return fallback;
  return toFloat64(p)[0] ?? fallback;
}

/** A shape stored as an integer array (Input/Output `shape`, Flatten `input_type`). */
export function shapeParam(node: IrNode, key: string): number[] | undefined {
  const p = node.params[key];
  if (p === undefined || typeof p === 'string') return undefined;
  return Array.from(toFloat64(p));
}

/** The quantised form of a node for a profile id, if the quantiser wrote one. */
export function quantOf(node: IrNode, profileId: string): NodeQuantization | undefined {
  return node.quantization?.find((q) => q.profile === profileId);
}

/** An integer parameter of a quantised node, as plain int32 values. */
export function intParam(q: NodeQuantization, key: string, name: string, n?: number): Int32Array {
  const p = q.intParams[key];
  if (!p) {
    throw new DynalignError('E_NOT_QUANTIZED', `quantised node lacks integer field '${key}'`, {
      field: `${name}.${key}`,
      fix: `re-run \`dynalign quantize\` for profile ${q.profile}`,
    });
  }
  const v = toFloat64(p);
  const out = new Int32Array(n ?? v.length);
  if (n !== undefined && v.length === 1) out.fill(v[0]!);
  else if (n !== undefined && v.length !== n) {
    throw new DynalignError(
      'E_NOT_QUANTIZED',
      `integer field has ${v.length} values, expected ${n}`,
      {
        field: `${name}.${key}`,
        value: v.length,
      },
    );
  } else out.set(v);
  return out;
}
