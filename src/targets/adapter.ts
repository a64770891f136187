// The interface every deployment target implements (targets/<name>/adapter.ts).
import type { IrModel } from '../ir/model.js';
import type { EncodedSet } from '../encoding/encoder.js';
import type { EmulationResult } from '../emulator/result.js';
import type { EnergyTable } from '../energy/table.js';

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
  /** The per-operation energy figures of the target (targets/<name>/energy.json, validated). */
  energyTable(): EnergyTable;
}
