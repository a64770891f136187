// Field-level checks of one node against its primitive: required fields present, values of the
// right kind, no fields NIR does not know, and the primitive's own consistency checks.
import type { IrNode } from './model.js';
import { type IrProblem, pointerToken } from './errors.js';
import type { FieldSpec } from './primitives/types.js';
import { NODE_TYPES, isNodeType, primitiveOf } from './primitives/registry.js';
import { type NdArray, toFloat64 } from './tensor.js';

/** Every problem with the fields of the node at JSON pointer `path`. */
export function checkNodeFields(node: IrNode, path: string): IrProblem[] {
  if (!isNodeType(node.type)) {
    return [{
      severity: 'error',
      code: 'E_NODE_TYPE',
      path: `${path}/type`,
      message: `unknown node type '${String(node.type)}'; NIR types are ${NODE_TYPES.join(', ')}`,
    }];
  }
  const prim = primitiveOf(node.type);
  const problems: IrProblem[] = [];
  const known = new Set(prim.fields.map((f) => f.name));
  for (const spec of prim.fields) problems.push(...checkField(node, spec, path));
  for (const name of Object.keys(node.params)) {
    if (known.has(name)) continue;
    problems.push(error('E_FIELD_UNKNOWN', `${path}/params/${pointerToken(name)}`,
      `'${name}' is not a field of ${node.type} (fields: ${[...known].join(', ') || 'none'}); ` +
      'NIR readers reject unknown fields'));
  }
  if (problems.some((p) => p.severity === 'error')) return problems;

  for (const issue of prim.check?.(node) ?? []) {
    const where = issue.field ? `${path}/params/${pointerToken(issue.field)}` : path;
    const label = issue.field ? `${node.type}.${issue.field} ` : `${node.type}: `;
    problems.push({
      severity: issue.severity ?? 'error',
      code: 'E_FIELD_VALUE',
      path: where,
      message: label + issue.message,
    });
  }
  return problems;
}

function checkField(node: IrNode, spec: FieldSpec, path: string): IrProblem[] {
  const where = `${path}/params/${pointerToken(spec.name)}`;
  const value = node.params[spec.name];
  if (value === undefined) {
    if (!spec.required) return [];
    const message = `${node.type} needs field '${spec.name}' (${spec.doc})`;
    return [error('E_FIELD_MISSING', where, message)];
  }
  if (typeof value === 'string') {
    if (spec.role === 'padding') return [];
    return [error('E_FIELD_KIND', where, `${node.type}.${spec.name} is text '${value}'; ` +
      'it must be a numeric array')];
  }
  const bad = tensorProblem(value);
  if (bad) return [error('E_TENSOR', where, `${node.type}.${spec.name}: ${bad}`)];
  if (spec.role === 'int' || spec.role === 'shape' || spec.role === 'padding') {
    const v = toFloat64(value);
    if (v.some((x) => !Number.isSafeInteger(x))) {
      return [error('E_FIELD_KIND', where, `${node.type}.${spec.name} must hold integers`)];
    }
    if (spec.role === 'shape' && (value.shape.length > 1 || v.some((x) => x < 0))) {
      return [error('E_FIELD_KIND', where,
        `${node.type}.${spec.name} must be a 1-D list of sizes ≥ 0; got [${Array.from(v)}]`)];
    }
  }
  return [];
}

/** Why an array is malformed (bad dims or data length), or undefined when it is sound. */
export function tensorProblem(a: NdArray): string | undefined {
  if (!Array.isArray(a.shape) || a.shape.some((d) => !Number.isSafeInteger(d) || d < 0)) {
    return `shape [${String(a.shape)}] must list whole sizes ≥ 0`;
  }
  const n = a.shape.reduce((x, y) => x * y, 1);
  if (!a.data || a.data.length !== n) {
    return `shape [${a.shape}] needs ${n} values; ${a.data?.length ?? 0} are stored`;
  }
  return undefined;
}

function error(code: string, path: string, message: string): IrProblem {
  return { severity: 'error', code, path, message };
}
