// Reading NIR fields of a node as numbers: integer tuples, per-neuron vectors, neuron shapes.
import type { IrNode } from '../model.js';
import { type NdArray, allocate, sizeOf, toFloat64 } from '../tensor.js';
import type { FieldIssue, Shape } from './types.js';

/** The numeric array of a field, or undefined when it is absent or text. */
export function numeric(node: IrNode, name: string): NdArray | undefined {
  const p = node.params[name];
  return p === undefined || typeof p === 'string' ? undefined : p;
}

/** A field's values as float64 (empty when absent). */
export function values(node: IrNode, name: string): Float64Array {
  const a = numeric(node, name);
  return a ? toFloat64(a) : new Float64Array(0);
}

/** A scalar or tuple field as `n` integers: one value is repeated, absent gives `fallback`. */
export function tuple(node: IrNode, name: string, n: number, fallback: number): number[] {
  const v = values(node, name);
  if (v.length === 0) return new Array<number>(n).fill(fallback);
  if (v.length === 1) return new Array<number>(n).fill(v[0]!);
  return Array.from(v.subarray(0, n));
}

/** A shape-valued field (Input/Output `shape`, Conv `input_shape`) as plain numbers. */
export function shapeField(node: IrNode, name: string): Shape | undefined {
  const a = numeric(node, name);
  return a ? Array.from(toFloat64(a)) : undefined;
}

/** The neuron shape: the shape of the first per-neuron field that is not 0-d. */
export function neuronShape(node: IrNode, names: readonly string[]): Shape | undefined {
  for (const name of names) {
    const a = numeric(node, name);
    if (a && a.shape.length > 0) return [...a.shape];
  }
  return undefined;
}

/** One value per neuron: a 1-element field is broadcast, an absent one takes `fallback`. */
export function perNeuron(node: IrNode, name: string, n: number, fallback?: number): Float64Array {
  const v = values(node, name);
  if (v.length === n) return v;
  if (v.length === 1) return new Float64Array(n).fill(v[0]!);
  if (v.length === 0 && fallback !== undefined) return new Float64Array(n).fill(fallback);
  throw new RangeError(`field '${name}' has ${v.length} values for ${n} neurons`);
}

/** Issues for per-neuron fields whose shape differs from the node's neuron shape. */
export function checkNeuronFields(node: IrNode, names: readonly string[]): FieldIssue[] {
  const shape = neuronShape(node, names);
  if (!shape) return [];
  const issues: FieldIssue[] = [];
  for (const name of names) {
    const a = numeric(node, name);
    if (!a || a.shape.length === 0 || sameShape(a.shape, shape)) continue;
    issues.push({
      field: name,
      message: `shape [${a.shape}] differs from the neuron shape [${shape}]`,
    });
  }
  return issues;
}

/** Issues for time constants that are not strictly positive (the ODE divides by them). */
export function checkPositive(node: IrNode, names: readonly string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const name of names) {
    const v = values(node, name);
    const bad = v.findIndex((x) => !(x > 0));
    if (bad >= 0) {
      issues.push({ field: name, message: `element ${bad} is ${v[bad]}; it must be > 0` });
    }
  }
  return issues;
}

/** Zeros (or another constant) with the dtype and shape of a field, for NIR's defaults. */
export function filledLike(node: IrNode, name: string, value: number): NdArray | undefined {
  const a = numeric(node, name);
  if (!a) return undefined;
  const data = allocate(a.dtype, sizeOf(a.shape));
  if (data instanceof BigInt64Array) data.fill(BigInt(value));
  else data.fill(value);
  return { dtype: a.dtype, shape: [...a.shape], data };
}

/** Shapes equal element by element. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
