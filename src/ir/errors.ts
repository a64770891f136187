// Errors of the IR library: a stable code, a JSON pointer (or HDF5 path) to the problem, and a
// fix. The CLI maps them to DynalignError; src/ir itself imports nothing else of the repo.

/** A problem in an IR document or file that stops it being read, written or simulated. */
export class IrError extends Error {
  readonly code: string;
  /** JSON pointer into the model (or the HDF5 path in a .nir file) where the problem is. */
  readonly path: string;
  readonly fix: string;

  constructor(code: string, message: string, path = '', fix = '') {
    super(message);
    this.name = 'IrError';
    this.code = code;
    this.path = path;
    this.fix = fix;
  }
}

/** One finding of validation: errors make a graph unusable, warnings flag ambiguity. */
export interface IrProblem {
  severity: 'error' | 'warning';
  code: string;
  /** JSON pointer into the model, e.g. /graph/edges/3 or /graph/nodes/fc1/params/weight. */
  path: string;
  message: string;
}

/** Escape one JSON-pointer token (RFC 6901: ~ becomes ~0, / becomes ~1). */
export function pointerToken(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** JSON pointer of a node inside the graph at `graphPath`. */
export function nodePointer(graphPath: string, name: string): string {
  return `${graphPath}/nodes/${pointerToken(name)}`;
}
