// From a model and the CLI options to the integer program the core runs (shared by every verb).
import type { IrModel } from '../../../src/ir/model.js';
import { parseArch, type FpgaArch } from './arch.js';
import { inputScales } from './input-scale.js';
import { quantizeProgram, readChain, type FpgaProgram } from './quantize.js';

export type TargetOptions = Record<string, string | number | boolean> | undefined;

export interface Prepared {
  arch: FpgaArch;
  prog: FpgaProgram;
  /** How the input scales were chosen (encoder sweep, option or default). */
  inputScaleSource: string;
}

/** Parse the architecture, choose input scales and quantise the model. */
export function prepare(model: IrModel, options: TargetOptions): Prepared {
  const arch = parseArch(options);
  const chain = readChain(model);
  const { scales, source } = inputScales(model, chain, options?.inputScale);
  return { arch, prog: quantizeProgram(model, arch, scales), inputScaleSource: source };
}
