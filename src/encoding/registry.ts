// Every dynamical system dynalign can encode with, by CLI name (one file per system).
import { DynalignError, didYouMean } from '../util/errors.js';
import type { Params, RegisteredSystem } from './system.js';
import { aizawa } from './systems/aizawa.js';
import { chen } from './systems/chen.js';
import { chua } from './systems/chua.js';
import { lorenz } from './systems/lorenz.js';
import { mixedOscillator } from './systems/mixed-oscillator.js';
import { noseHoover } from './systems/nose-hoover.js';
import { rossler } from './systems/rossler.js';
import { sprottC } from './systems/sprott-c.js';

const ALL = [mixedOscillator, lorenz, rossler, aizawa, noseHoover, sprottC, chua, chen];

/** CLI name → system, in the order `encode --list` prints them. */
export const SYSTEMS: Record<string, RegisteredSystem> = Object.fromEntries(
  ALL.map((s) => [s.name, s]),
);

/** The system of a CLI name, or undefined. */
export function findSystem(name: string): RegisteredSystem | undefined {
  return Object.hasOwn(SYSTEMS, name) ? SYSTEMS[name] : undefined;
}

/** The system of a CLI name, or a usage error with a did-you-mean. */
export function requireSystem(name: string, field = '--system'): RegisteredSystem {
  const sys = findSystem(name);
  if (sys) return sys;
  const names = Object.keys(SYSTEMS);
  const near = didYouMean(name, names);
  throw new DynalignError('E_UNKNOWN_SYSTEM', 'unknown dynamical system', {
    field,
    value: name,
    fix: (near ? `did you mean '${near}'? ` : '') + `systems: ${names.join(', ')}`,
  });
}

/** Defaults merged with overrides; an unknown name or a non-finite value is a usage error. */
export function resolveParams(sys: RegisteredSystem, overrides: Params, field = '--param'): Params {
  const names = Object.keys(sys.defaults);
  for (const [k, v] of Object.entries(overrides)) {
    if (!names.includes(k)) {
      const near = didYouMean(k, names);
      throw new DynalignError('E_UNKNOWN_PARAM', `${sys.name} has no parameter '${k}'`, {
        field,
        value: k,
        fix: (near ? `did you mean '${near}'? ` : '') + `parameters: ${names.join(', ')}`,
      });
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new DynalignError('E_BAD_PARAM', `parameter '${k}' must be a finite number`, {
        field,
        value: v,
        fix: `pass ${field} ${k}=<number>, e.g. ${k}=${sys.defaults[k]}`,
      });
    }
  }
  return { ...sys.defaults, ...overrides };
}

/** Parse repeated `k=v` strings into a record; the value must be a plain finite number. */
export function parseParamAssignments(items: readonly string[], field = '--param'): Params {
  const out: Params = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    const key = eq < 0 ? '' : item.slice(0, eq).trim();
    const text = eq < 0 ? '' : item.slice(eq + 1).trim();
    if (key === '') {
      throw new DynalignError('E_BAD_PARAM', 'expected name=value', {
        field,
        value: item,
        fix: `write ${field} delta=0.3 (one parameter per ${field})`,
      });
    }
    const v = Number(text);
    if (text === '' || !Number.isFinite(v)) {
      throw new DynalignError('E_BAD_PARAM', `value of '${key}' is not a number`, {
        field,
        value: item,
        fix: `write ${field} ${key}=<number>, e.g. ${key}=0.3`,
      });
    }
    out[key] = v;
  }
  return out;
}
