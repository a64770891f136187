// Target adapters, found by folder name under targets/ (targets/<name>/adapter.ts).
import type { TargetAdapter, TargetName } from './adapter.js';
import { DynalignError, didYouMean } from '../util/errors.js';

export const TARGET_NAMES: readonly TargetName[] = ['loihi', 'spinnaker', 'fpga'];

/** Load the adapter of a target; an unknown name is a usage error with a did-you-mean. */
export async function loadTarget(name: string): Promise<TargetAdapter> {
  if (!(TARGET_NAMES as readonly string[]).includes(name)) {
    const guess = didYouMean(name, TARGET_NAMES);
    throw new DynalignError('E_TARGET', 'unknown target', {
      field: '--target',
      value: name,
      fix: `${guess ? `did you mean '${guess}'? ` : ''}valid targets: ${TARGET_NAMES.join(', ')}`,
    });
  }
  const mod = (await import(`../../targets/${name}/adapter.ts`)) as { adapter: TargetAdapter };
  return mod.adapter;
}
