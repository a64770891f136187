// `dynalign quantize MODEL --target T --out Q`: float IR → integer IR for a numeric profile, with
// a report per layer (bits used, clipping rate, weight error); calibration data are the model's
// own encoder's trajectories (its δ), so each mode is quantised for the range it really uses.
import type { Command } from 'commander';
import { basename } from 'node:path';
import { MODEL_EXTENSIONS, loadValidModel, saveModel } from '../../io/model-file.js';
import type { EncodedSet } from '../../encoding/encoder.js';
import { spacedSubset } from '../../encoding/subset.js';
import type { IrModel } from '../../ir/model.js';
import { encodedSplitFor, fileSha256 } from '../../emulator/io.js';
import { readInputFile } from '../../emulator/input-file.js';
import { quantizeModel, type QuantizeOptions } from '../../quantize/quantize-model.js';
import { formatReport } from '../../quantize/report.js';
import { resolveProfile } from '../../quantize/resolve.js';
import { INPUT_SCALINGS, type InputScaling } from '../../quantize/input-scale.js';
import { SCALE_METHODS, type ScaleMethod } from '../../quantize/scale.js';
import { TARGET_NAMES } from '../../targets/registry.js';
import { DynalignError } from '../../util/errors.js';
import { checkOutFile } from '../../util/out-path.js';
import { TOOL_NAME, TOOL_VERSION } from '../../util/version.js';
import { emit, log, parseInteger, parseNumber } from '../output.js';
import { parsePassThrough } from '../pass-through.js';
import { checkProfileOptions } from '../emulate-options.js';

interface QuantizeFlags {
  target: string;
  out: string;
  calibrate?: string;
  calibration?: string;
  method?: string;
  percentile?: string;
  inputScale?: string;
  inputScaling?: string;
  json?: boolean;
}

/** Register `dynalign quantize`. */
export function register(program: Command): void {
  program
    .command('quantize')
    .description('quantise a float model for a numeric profile (int; float writes a stamped copy)')
    .argument('<model>', 'model file (.nirpb, .nir, .json)')
    .requiredOption(
      '-t, --target <name>',
      'int | float, or a target that publishes a numeric profile',
    )
    .requiredOption('-o, --out <file>', 'quantised model file (.nirpb)')
    .option(
      '--calibrate <n>',
      "calibrate on n training inputs encoded with the model's own encoder",
    )
    .option(
      '--calibration <file>',
      'calibrate on an input file instead (.dynenc[:set], .npy, .json, .csv)',
    )
    .option(
      '--method <m>',
      `weight scale: ${SCALE_METHODS.join(' | ')} (default: calibrated with data)`,
    )
    .option('--percentile <p>', 'percentile of |w| for --method percentile (default 99.9)')
    .option(
      '--input-scale <s>',
      'real value of one input unit (default: calibration, else encoder sweep)',
    )
    .option(
      '--input-scaling <form>',
      `graded input integers: ${INPUT_SCALINGS.join(' | ')} (default exponent)`,
    )
    .option('--json', 'print the report as one JSON object')
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .helpOption(
      '-h, --help',
      'int options: --weight-bits 8 --state-bits 16 --input-bits 8 --decay-bits 12 ...',
    )
    .action(async (path: string, flags: QuantizeFlags, cmd: Command) => {
      await checkOutFile(flags.out, '--out', MODEL_EXTENSIONS);
      const options = parsePassThrough(cmd.args.slice(1));
      const profile = await resolveProfile(flags.target, options).catch((err: unknown) => {
        if (!(TARGET_NAMES as readonly string[]).includes(flags.target)) throw err;
        throw new DynalignError(
          'E_PROFILE',
          `target ${flags.target} publishes no generic numeric profile`,
          {
            field: '--target',
            value: flags.target,
            fix:
              `\`dynalign compile MODEL --target ${flags.target}\` ` +
              "quantises with the target's own mapping",
          },
        );
      });
      checkProfileOptions(flags.target, options);
      const model = await loadValidModel(path);
      const opts = await quantizeOptions(model, flags);
      const { model: q, report } = quantizeModel(model, profile, opts);
      q.provenance = {
        tool: TOOL_NAME,
        toolVersion: TOOL_VERSION,
        sourceFile: `${basename(path)} (sha256 ${await fileSha256(path)})`,
        createdAt: new Date().toISOString(),
      };
      await saveModel(flags.out, q);
      log(`quantize: ${profile.id} → ${flags.out}`);
      emit(flags.json === true, { out: flags.out, ...report }, () => formatReport(report));
    });
}

async function quantizeOptions(model: IrModel, flags: QuantizeFlags): Promise<QuantizeOptions> {
  const opts: QuantizeOptions = {};
  if (flags.method !== undefined) {
    if (!(SCALE_METHODS as readonly string[]).includes(flags.method)) {
      throw new DynalignError('E_USAGE', 'unknown scale method', {
        field: '--method',
        value: flags.method,
        fix: `use ${SCALE_METHODS.join(', ')}`,
      });
    }
    opts.method = flags.method as ScaleMethod;
  }
  if (flags.percentile !== undefined) {
    opts.percentile = parseNumber('--percentile', flags.percentile, (v) =>
      v > 0 && v <= 100 ? undefined : 'must be in (0, 100]',
    );
  }
  if (flags.inputScale !== undefined) {
    opts.inputScale = parseNumber('--input-scale', flags.inputScale, (v) =>
      v > 0 ? undefined : 'must be positive',
    );
  }
  const n =
    flags.calibrate === undefined ? undefined : parseInteger('--calibrate', flags.calibrate, 1);
  let set: EncodedSet | undefined;
  if (flags.calibration !== undefined) set = (await readInputFile(flags.calibration)).set;
  else if (n !== undefined) set = await encodedSplitFor(model, 'mnist-train', log);
  if (set) {
    opts.calibration = spacedSubset(set, n);
    opts.calibrationSamples = opts.calibration.n;
  }
  return opts;
}
