// JSON Schema validation with ajv; every problem is reported with its JSON pointer.
import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DynalignError } from './errors.js';

const SCHEMA_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));
const ajv = new (Ajv as unknown as typeof Ajv.default)({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();

/** The compiled validator of schemas/<name>. */
export function schemaValidator(name: string): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    v = ajv.compile(JSON.parse(readFileSync(SCHEMA_DIR + name, 'utf8')));
    compiled.set(name, v);
  }
  return v;
}

/** Throw a DynalignError listing every schema violation of `data` (from `file`). */
export function assertValid(name: string, data: unknown, file: string): void {
  const v = schemaValidator(name);
  if (v(data)) return;
  const problems = (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  throw new DynalignError('E_SCHEMA', `does not match ${name}: ${problems.join('; ')}`, {
    file,
    field: v.errors?.[0]?.instancePath || '/',
    fix: `correct the fields listed to match schemas/${name}`,
  });
}
