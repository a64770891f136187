// The interface every deployment target implements (targets/<name>/adapter.ts).
import type { IrModel } from '../ir/model.js';
import type { EncodedSet } from '../encoding/encoder.js';
import type { EmulationResult } from '../emulator/result.js';
import type { EnergyTable } from '../energy/table.js';
import { DynalignError, didYouMean } from '../util/errors.js';

export type TargetName = 'loihi' | 'spinnaker' | 'fpga';

export interface CompileOptions {
  /** Folder the artefacts go into; the adapter writes it atomically. */
  outDir: string;
  /** Path of the source model, for stamps and hashes. */
  modelPath?: string;
  /** Encoded inputs to ship beside the artefacts (inputs.npy etc.), when given. */
  inputs?: EncodedSet;
  /** Target-specific options from the CLI (e.g. part: 'up5k'). */
  options?: Record<string, string | number | boolean>;
}

export interface CompileResult {
  /** Paths of every file written, relative to outDir. */
  artefacts: string[];
  /** Human-readable notes: mismatches the target forces, resource use. */
  notes: string[];
}

export interface EmulateOptions {
  options?: Record<string, string | number | boolean>;
}

export interface TargetAdapter {
  name: TargetName;
  /** One line: the chip, the toolchain, the numeric model. */
  description: string;
  /** Write the deployment artefacts; throws DynalignError (nothing written) if it cannot fit. */
  compile(model: IrModel, opts: CompileOptions): Promise<CompileResult>;
  /** Run the encoded inputs through the bit-exact model of the target. */
  emulate(model: IrModel, inputs: EncodedSet, opts?: EmulateOptions): Promise<EmulationResult>;
  /**
   * Runs that need no model file: golden-vector files that carry their own network
   * (`dynalign emulate --target loihi --golden FILE.json`). Optional.
   */
  emulateStandalone?(options: Record<string, string | number | boolean>): Promise<EmulationResult>;
  /**
   * Refuse options this target would ignore or cannot honour (exit 2, did-you-mean), before any
   * data loads. `compile`, `emulate` and `verify` call it with the verb's forwarded flags too.
   */
  checkOptions?(options: Record<string, string | number | boolean>): void;
  /** Target options that bring inputs of their own (Loihi's --golden, --inputs). */
  inputOptions?: readonly string[];
  /** The per-operation energy figures of the target (targets/<name>/energy.json, validated). */
  energyTable(): EnergyTable;
}

/** Options every verb forwards to a target (the verb reads them itself, or the target may). */
export const VERB_OPTIONS = ['input', 'dataset', 'limit', 'workers', 'record'] as const;

/** Throw E_USAGE for the first option not in `known`, with a did-you-mean over `known`. */
export function refuseUnknownOptions(
  target: string,
  options: Record<string, string | number | boolean>,
  known: readonly string[],
): void {
  const flag = (k: string) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const unknown = Object.keys(options).find((k) => !known.includes(k));
  if (unknown === undefined) return;
  const guess = didYouMean(unknown, known);
  const own = known.filter((k) => !(VERB_OPTIONS as readonly string[]).includes(k));
  throw new DynalignError('E_USAGE', `unknown ${target} option`, {
    field: flag(unknown),
    value: options[unknown],
    fix:
      `${guess ? `did you mean ${flag(guess)}? ` : ''}` +
      `valid: ${own.map(flag).join(', ')}`,
  });
}
