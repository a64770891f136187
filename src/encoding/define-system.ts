// Compile a system written as expression text (system.ts) into callable derivative, Jacobian,
// drive and trace functions. Identifiers are checked first, so a typo fails at import time.
import type { Params, RegisteredSystem, SystemDefinition } from './system.js';

/** Math functions an equation may call. */
export const MATH_FUNCTIONS = ['abs', 'cos', 'sin', 'exp', 'sqrt', 'sign', 'tanh'] as const;

/** `const abs = Math.abs, …;` for the head of generated code. */
export const MATH_PRELUDE = `const ${MATH_FUNCTIONS.map((f) => `${f} = Math.${f}`).join(', ')};`;

const STATE_NAMES = ['x', 'y', 'z', 'u'];

/** Throw when an expression uses a name that is neither allowed nor a number. */
export function checkIdentifiers(def: SystemDefinition, expr: string, allowed: Set<string>): void {
  for (const m of expr.matchAll(/[A-Za-z_$][A-Za-z0-9_$]*/g)) {
    // Exponents such as 1e-3 are part of a number, not a name.
    const before = expr[m.index - 1];
    if (before !== undefined && /[0-9.]/.test(before)) continue;
    if (!allowed.has(m[0])) {
      throw new TypeError(`system '${def.name}': unknown name '${m[0]}' in '${expr}'`);
    }
  }
}

/** `const sigma = p.sigma, …;`: parameters read from a record into locals. */
function paramLocals(def: SystemDefinition): string {
  const names = Object.keys(def.defaults);
  return names.length ? `const ${names.map((n) => `${n} = p.${n}`).join(', ')};` : '';
}

function compile<T>(body: string): T {
  return new Function(`${MATH_PRELUDE}\nreturn ${body};`)() as T;
}

function validate(def: SystemDefinition): void {
  const params = Object.keys(def.defaults);
  for (const n of params) {
    const reserved =
      STATE_NAMES.includes(n) || n === 't' || (MATH_FUNCTIONS as readonly string[]).includes(n);
    if (!/^[a-z][A-Za-z0-9]*$/.test(n) || reserved) {
      throw new TypeError(`system '${def.name}': parameter name '${n}' is not allowed`);
    }
  }
  const math: string[] = [...MATH_FUNCTIONS];
  const stateScope = new Set([...STATE_NAMES, ...params, ...math]);
  for (const e of [...def.rhs, ...def.jacobian.flat()]) checkIdentifiers(def, e, stateScope);
  if (def.drive !== undefined) checkIdentifiers(def, def.drive, new Set(['t', ...params, ...math]));
  if (def.constantTrace !== undefined) {
    checkIdentifiers(def, def.constantTrace, new Set([...params, ...math]));
  }
}

/** Turn a definition into a registered system (derivative, Jacobian, drive, trace). */
export function defineSystem(def: SystemDefinition): RegisteredSystem {
  validate(def);

  // Every generated function reads the parameters into locals, then evaluates the text.
  const locals = paramLocals(def);
  const drive = def.drive ?? '0';
  const j = def.jacobian;
  const derivative = compile<RegisteredSystem['derivative']>(
    `function derivative(x, y, z, t, p, out) { ${locals} const u = ${drive};
      out[0] = ${def.rhs[0]}; out[1] = ${def.rhs[1]}; out[2] = ${def.rhs[2]}; }`,
  );
  const jacobian = compile<RegisteredSystem['jacobian']>(
    `function jacobian(x, y, z, t, p, out) { ${locals} const u = ${drive};
      ${j
        .flat()
        .map((e, i) => `out[${i}] = ${e};`)
        .join(' ')} }`,
  );
  const driveFn = compile<(t: number, p: Params) => number>(
    `function drive(t, p) { ${locals} return ${drive}; }`,
  );
  const trace = compile<RegisteredSystem['trace']>(
    `function trace(x, y, z, t, p) { ${locals} const u = ${drive};
      return (${j[0][0]}) + (${j[1][1]}) + (${j[2][2]}); }`,
  );
  const constant = def.constantTrace;
  const sigmaLambda =
    constant === undefined
      ? undefined
      : compile<(p: Params) => number>(`function sigmaLambda(p) { ${locals} return ${constant}; }`);
  return {
    name: def.name,
    defaults: { ...def.defaults },
    definition: def,
    derivative,
    jacobian,
    drive: driveFn,
    trace,
    ...(sigmaLambda ? { sigmaLambda } : {}),
  };
}
