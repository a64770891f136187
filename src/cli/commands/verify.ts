// `dynalign verify MODEL --target fpga --rtl | --port P`: the generated hardware (simulated) or
// a device against the emulator, spike for spike and cycle for cycle (exit 1 on a difference).
import type { Command } from 'commander';
import { loadValidModel } from '../../io/model-file.js';
import type { IrModel } from '../../ir/model.js';
import type { EncodedSet } from '../../encoding/encoder.js';
import { spacedSubset } from '../../encoding/subset.js';
import { loadRunInputs } from '../../emulator/io.js';
import type { EmulationResult } from '../../emulator/result.js';
import { loadTarget } from '../../targets/registry.js';
import type { TargetAdapter } from '../../targets/adapter.js';
import { CheckFailedError, DynalignError } from '../../util/errors.js';
import { emit, log, parseInteger } from '../output.js';
import { parsePassThrough } from '../pass-through.js';
import { verifyPortCommand } from '../../bridge/verify-command.js';

interface VerifyFlags {
  target: string;
  rtl?: boolean;
  dataset?: string;
  input?: string;
  random?: string;
  limit?: string;
  keep?: string;
  json?: boolean;
  port?: string;
  baud?: string;
  timeout?: string;
  retries?: string;
}

type Options = Record<string, string | number | boolean>;

/** Targets that can check their generated RTL (the fpga adapter). */
interface RtlVerifier {
  verifyRtl(
    model: IrModel,
    inputs: EncodedSet | number,
    o: { options: Options; workDir?: string; onProgress?: (l: string) => void },
  ): Promise<EmulationResult>;
}

/** Register `dynalign verify` (the --rtl path here, the --port path in src/bridge). */
export function register(program: Command): void {
  program
    .command('verify')
    .description(
      'check a target against the emulator: --rtl simulates the generated Verilog, --port a device',
    )
    .argument('<model>', 'model file (.nirpb, .nir, .json)')
    .option('-t, --target <name>', 'fpga', 'fpga')
    .option('--rtl', 'simulate the generated RTL and compare every spike and cycle')
    .option('--dataset <name>', "mnist-test (or mnist-train), encoded with the model's own encoder")
    .option('--input <file>', 'encoded inputs: .dynenc[:set], .npy, .json or .csv')
    .option(
      '--random <n>',
      'n seeded random input sequences (the default, 200, when no inputs are given)',
    )
    .option('--limit <n>', 'check n inputs evenly spaced over the set (splits are class-ordered)')
    .option('--keep <dir>', 'keep the Verilator build folder (design, trace) here')
    .option('--json', 'print one JSON object')
    .option('--port <path>', 'check the device on this serial port instead (firmware-bridge)')
    .option('--baud <rate>', 'with --port: baud rate (default 115200)')
    .option('--timeout <ms>', 'with --port: longest wait for one reply (default 500)')
    .option('--retries <n>', 'with --port: silent timeouts in a row before giving up (default 8)')
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .helpOption(
      '-h, --help',
      'target options pass through: --simulator verilator|icarus, --lanes, --weight-bits, ...',
    )
    .action(async (modelPath: string, flags: VerifyFlags, cmd: Command) => {
      const options: Options = parsePassThrough(cmd.args.slice(1));
      if (flags.port !== undefined)
        return verifyPortCommand(modelPath, { ...flags, port: flags.port }, options);
      if (!flags.rtl) {
        throw new DynalignError('E_USAGE', 'say what to verify against', {
          field: '--rtl',
          fix: 'add --rtl',
        });
      }
      const result = await verifyRtl(modelPath, flags, options);
      emit(flags.json === true, result, () => text(result));
      if (!result.check?.passed) {
        throw new CheckFailedError('E_RTL_MISMATCH', result.check?.summary ?? 'no check ran', {
          file: modelPath,
          value: result.check?.firstDifference,
        });
      }
    });
}

async function verifyRtl(
  modelPath: string,
  flags: VerifyFlags,
  options: Options,
): Promise<EmulationResult> {
  const adapter = (await loadTarget(flags.target)) as TargetAdapter & Partial<RtlVerifier>;
  if (!adapter.verifyRtl) {
    throw new DynalignError('E_USAGE', `target ${adapter.name} has no RTL to verify`, {
      field: '--target',
      value: flags.target,
      fix: 'use --target fpga',
    });
  }
  adapter.checkOptions?.(options);
  const model = await loadValidModel(modelPath);
  const limit = flags.limit === undefined ? undefined : parseInteger('--limit', flags.limit, 1);
  const given = flags.dataset !== undefined || flags.input !== undefined;
  const inputs = given
    ? spacedSubset(await loadRunInputs(model, flags.input, flags.dataset, log), limit)
    : (limit ?? (flags.random === undefined ? 200 : parseInteger('--random', flags.random, 1)));
  return adapter.verifyRtl(model, inputs, {
    options,
    ...(flags.keep ? { workDir: flags.keep } : {}),
    onProgress: log,
  });
}

function text(r: EmulationResult): string {
  const x = (r.extra ?? {}) as Record<string, number>;
  return [
    r.check?.summary ?? '',
    `${r.extra?.simulator}: build ${x.buildS?.toFixed(1)} s, ${x.simulatedCycles} cycles in ` +
      `${x.simulationS?.toFixed(2)} s ` +
      `(${((x.cyclesPerS ?? 0) / 1e6).toFixed(1)} M cycles/s)`,
    ...(r.accuracy === undefined ? [] : [`accuracy ${(100 * r.accuracy).toFixed(2)} %`]),
  ].join('\n');
}
