// Find a numeric profile by CLI name: the generic `int` and `float` here, or a target's own
// profile module (targets/<t>/profile.ts exporting `makeNumericProfile(options)` or
// `numericProfile`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { IrModel } from '../ir/model.js';
import { DynalignError, didYouMean } from '../util/errors.js';
import type { NumericProfile } from './profile.js';
import { FLOAT_PROFILE } from './profiles/float.js';
import { intConfigFromOptions, makeIntProfile, type IntConfig } from './profiles/int.js';

/** Profiles built here rather than by a target. */
export const GENERIC_PROFILES = ['int', 'float'] as const;

/** Graph metadata key holding the profile a model was quantised for (name and config). */
export const PROFILE_META_KEY = 'dynalign_quantization';

type Options = Record<string, string | number | boolean>;

/** What a target's profile module may export for the generic quantiser and emulator. */
interface TargetProfileModule {
  makeNumericProfile?: (options: Options) => NumericProfile;
  numericProfile?: NumericProfile;
}

/** Whether `name` is one of the profiles this module builds itself. */
export function isGenericProfile(name: string): boolean {
  return (GENERIC_PROFILES as readonly string[]).includes(name);
}

/** The profile of a name and options; unknown names get a did-you-mean. */
export async function resolveProfile(name: string, options: Options = {}): Promise<NumericProfile> {
  if (name === 'float') return FLOAT_PROFILE;
  if (name === 'int') return makeIntProfile(intConfigFromOptions(options));
  const mod = await loadTargetProfile(name);
  if (typeof mod?.makeNumericProfile === 'function') return mod.makeNumericProfile(options);
  if (mod?.numericProfile && typeof mod.numericProfile.id === 'string') return mod.numericProfile;
  throw new DynalignError('E_PROFILE', 'no numeric profile by that name', {
    field: '--target',
    value: name,
    fix: profileFix(name),
  });
}

/** Rebuild a profile from its name and stored config (the form written into models). */
export async function profileFromSpec(
  name: string,
  config: Record<string, number | string>,
): Promise<NumericProfile> {
  if (name === 'int') return makeIntProfile(config as Partial<IntConfig>);
  const core = await loadCoreProfileModule(name);
  if (core) return core.makeTargetProfile(config);
  return resolveProfile(name, config);
}

/** A target whose own arithmetic runs on the shared core (targets/<t>/numeric-profile.ts). */
interface CoreProfileModule {
  makeTargetProfile: (config: Record<string, number | string>) => NumericProfile;
}

/** Whether target `name` publishes a core profile, so worker threads can rebuild it. */
export function hasCoreProfile(name: string): boolean {
  return /^[a-z0-9-]+$/.test(name) && existsSync(fileURLToPath(coreProfileUrl(name)));
}

function coreProfileUrl(name: string): URL {
  return new URL(`../../targets/${name}/numeric-profile.ts`, import.meta.url);
}

async function loadCoreProfileModule(name: string): Promise<CoreProfileModule | undefined> {
  if (!hasCoreProfile(name)) return undefined;
  const mod = (await import(coreProfileUrl(name).href)) as Partial<CoreProfileModule>;
  return typeof mod.makeTargetProfile === 'function' ? (mod as CoreProfileModule) : undefined;
}

/** The profile name and config a quantised model records, if any. */
export function modelProfileSpec(
  model: IrModel,
): { name: string; config: Record<string, number | string> } | undefined {
  const m = model.graph.metadata[PROFILE_META_KEY];
  if (!m || m.kind !== 'string') return undefined;
  try {
    return JSON.parse(m.value) as { name: string; config: Record<string, number | string> };
  } catch {
    return undefined;
  }
}

async function loadTargetProfile(name: string): Promise<TargetProfileModule | undefined> {
  if (!/^[a-z0-9-]+$/.test(name)) return undefined;
  const url = new URL(`../../targets/${name}/profile.ts`, import.meta.url);
  if (!existsSync(fileURLToPath(url))) return undefined;
  return (await import(pathToFileURL(fileURLToPath(url)).href)) as TargetProfileModule;
}

function profileFix(name: string): string {
  const guess = didYouMean(name, [...GENERIC_PROFILES, 'loihi', 'spinnaker', 'fpga']);
  const hint = guess && guess !== name ? `did you mean '${guess}'? ` : '';
  return `${hint}use int or float, or a target that ships targets/<t>/profile.ts`;
}
