// The --targets option shared by demo and energy.
import { TARGET_NAMES } from '../targets/registry.js';
import type { TargetName } from '../targets/adapter.js';
import { DynalignError, didYouMean } from '../util/errors.js';

/** Targets from a comma-separated list; an unknown name is a usage error. */
export function parseTargetList(list: string): TargetName[] {
  return list.split(',').map((t) => {
    const name = t.trim();
    if ((TARGET_NAMES as readonly string[]).includes(name)) return name as TargetName;
    const guess = didYouMean(name, TARGET_NAMES);
    throw new DynalignError('E_TARGET', 'unknown target', {
      field: '--targets',
      value: name,
      fix: `${guess ? `did you mean '${guess}'? ` : ''}valid: ${TARGET_NAMES.join(', ')}`,
    });
  });
}
