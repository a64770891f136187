// The options of `dynalign emulate`, checked before the model or any data is loaded, so that a
// usage error exits 2 at once instead of after the ~10 s it takes to encode MNIST.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve as resolvePath } from 'node:path';
import type { IrModel } from '../ir/model.js';
import { DATASETS } from '../emulator/io.js';
import { buildPlan } from '../emulator/plan.js';
import type { NumericProfile } from '../quantize/profile.js';
import type { TargetAdapter } from '../targets/adapter.js';
import { INT_DEFAULTS, intConfigFromOptions } from '../quantize/profiles/int.js';
import { isGenericProfile } from '../quantize/resolve.js';
import { DynalignError, didYouMean } from '../util/errors.js';
import { parseInteger } from './output.js';

type Options = Record<string, string | number | boolean>;

/** The int profile's option names (src/quantize/profiles/int.ts), for a did-you-mean. */
const INT_OPTIONS = Object.keys(INT_DEFAULTS);

/** The flags `dynalign emulate` declares. */
export interface EmulateFlags {
  target: string;
  dataset?: string;
  input?: string;
  limit?: string;
  record?: string;
  trace?: string;
  traceLayer?: string[];
  traceSamples?: string;
  workers?: string;
  quantize?: boolean;
  agreement?: boolean;
  json?: boolean;
}

/** Numbers read from the flags before anything slow runs. */
export interface RunSettings {
  limit?: number;
  workers: number;
  traceSamples: number;
}

/** Check every declared option up front; returns the numbers they hold. */
export function checkFlags(flags: EmulateFlags, isTarget: boolean): RunSettings {
  const int = (option: string, value: string | undefined) =>
    value === undefined ? undefined : parseInteger(option, value, 1);
  const settings: RunSettings = {
    workers: int('--workers', flags.workers) ?? availableParallelism(),
    traceSamples: int('--trace-samples', flags.traceSamples) ?? 1,
  };
  const limit = int('--limit', flags.limit);
  if (limit !== undefined) settings.limit = limit;

  // Inputs: one source, a known data set; a profile run needs one, a target may bring its own.
  if (flags.input !== undefined && flags.dataset !== undefined) {
    throw new DynalignError('E_USAGE', 'give either --input or --dataset, not both', {
      field: '--input',
      fix: 'drop one of them',
    });
  }
  if (flags.dataset !== undefined && !(DATASETS as readonly string[]).includes(flags.dataset)) {
    const guess = didYouMean(flags.dataset, DATASETS);
    throw new DynalignError('E_USAGE', 'unknown dataset', {
      field: '--dataset',
      value: flags.dataset,
      fix: `${guess ? `did you mean '${guess}'? ` : ''}use ${DATASETS.join(' or ')}`,
    });
  }
  if (!isTarget && flags.input === undefined && flags.dataset === undefined) {
    throw new DynalignError('E_USAGE', 'no inputs given', {
      field: '--dataset',
      fix: 'pass --dataset mnist-test or --input FILE',
    });
  }

  // Outputs: traces name their layers, and every file goes into a folder that exists.
  if (!isTarget && flags.trace !== undefined && !flags.traceLayer?.length) {
    throw new DynalignError('E_USAGE', '--trace needs --trace-layer', {
      field: '--trace-layer',
      fix: 'name the layers to trace, e.g. --trace-layer lif1',
    });
  }
  for (const [option, file] of [['--record', flags.record], ['--trace', flags.trace]] as const) {
    if (file !== undefined && !existsSync(dirname(resolvePath(file)))) {
      throw new DynalignError('E_USAGE', 'the folder of the output file does not exist', {
        field: option,
        value: file,
        fix: `create ${dirname(resolvePath(file))} first`,
      });
    }
  }
  return settings;
}

/** Refuse pass-through options int and float would otherwise ignore silently. */
export function checkProfileOptions(target: string, passed: Options, agreement = false): void {
  if (agreement && target === 'float') {
    throw new DynalignError('E_USAGE', '--agreement compares an int profile with float', {
      field: '--agreement',
      fix: 'drop --agreement, or use --target int --quantize --agreement',
    });
  }
  if (!isGenericProfile(target)) return;
  const read = target === 'int' ? Object.keys(intConfigFromOptions(passed)) : [];
  const unknown = Object.keys(passed).filter((k) => !read.includes(k));
  if (unknown.length === 0) return;
  const kebab = (k: string) => '--' + k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const guess = target === 'int' ? didYouMean(unknown[0]!, INT_OPTIONS) : undefined;
  throw new DynalignError('E_USAGE', `unknown option for --target ${target}`, {
    field: kebab(unknown[0]!),
    value: String(passed[unknown[0]!]),
    fix:
      (guess ? `did you mean ${kebab(guess)}? ` : '') +
      (target === 'int'
        ? `int options: ${INT_OPTIONS.map(kebab).join(', ')}`
        : 'the float profile takes no options of its own'),
  });
}

/** Target runs: the target's own option check, then inputs and outputs it cannot honour. */
export function checkTargetFlags(
  adapter: TargetAdapter,
  flags: EmulateFlags,
  options: Options,
  hasModel: boolean,
): void {
  adapter.checkOptions?.({ ...options, ...(flags.agreement ? { agreement: true } : {}) });
  if (flags.traceLayer?.length) {
    throw new DynalignError('E_USAGE', '--trace-layer is for the int and float profiles', {
      field: '--trace-layer',
      fix: `drop it; --target ${adapter.name} records spikes with --record FILE`,
    });
  }
  const own = (adapter.inputOptions ?? []).some((k) => options[k] !== undefined);
  if (hasModel && !own && flags.input === undefined && flags.dataset === undefined) {
    throw new DynalignError('E_USAGE', 'no inputs given', {
      field: '--dataset',
      fix: 'pass --dataset mnist-test or --input FILE',
    });
  }
}

/** Trace layer names must be layers of the model's plan. */
export function checkTraceLayers(model: IrModel, profile: NumericProfile, names: string[]): void {
  if (names.length === 0) return;
  const layers = buildPlan(model, profile).layers.map((l) => l.name);
  const missing = names.find((n) => !layers.includes(n));
  if (missing === undefined) return;
  const guess = didYouMean(missing, layers);
  throw new DynalignError('E_USAGE', 'no layer by that name', {
    field: '--trace-layer',
    value: missing,
    fix: `${guess ? `did you mean '${guess}'? ` : ''}layers: ${layers.join(', ')}`,
  });
}
