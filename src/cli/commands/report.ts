// `dynalign report`: one self-contained HTML page (plots and tables) for models and a sweep.
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { runDemo } from '../../demo/run-demo.js';
import { readSweepSummary } from '../../report/sweep-file.js';
import { TARGET_NAMES } from '../../targets/registry.js';
import { parseTargetList } from '../targets-option.js';
import { emit, log, parseInteger } from '../output.js';
import { checkOutFile } from '../../util/out-path.js';

interface ReportFlags {
  models?: string[];
  sweep?: string;
  out: string;
  targets: string;
  limit?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('report')
    .description('write an HTML report: mode landscape, rasters, energy per target and mode')
    .option('--models <files...>', 'model files (default: the two shipped demo networks)')
    .option('--sweep <file>', 'summary.json of `dynalign sweep` for the mode landscape')
    .option('-o, --out <file>', 'HTML file to write', 'report.html')
    .option('--targets <list>', 'comma-separated targets', TARGET_NAMES.join(','))
    .option('--limit <n>', 'emulate n test inputs evenly spaced over the class-ordered split')
    .option('--json', 'print one JSON object')
    .action(async (flags: ReportFlags) => {
      const targets = parseTargetList(flags.targets);
      const limit = flags.limit === undefined ? undefined : parseInteger('--limit', flags.limit, 1);
      const sweep = flags.sweep ? await readSweepSummary(flags.sweep) : undefined;
      const out = resolve(flags.out);
      await checkOutFile(out, '--out');
      const result = await runDemo({
        outDir: tmpdir(),
        compile: false,
        retrain: false,
        targets,
        reportPath: out,
        ...(limit === undefined ? {} : { limit }),
        ...(flags.models ? { modelFiles: flags.models.map((f) => resolve(f)) } : {}),
        ...(sweep ? { sweep } : {}),
        onProgress: log,
      });
      emit(
        flags.json === true,
        { report: out, models: result.modes.map((m) => m.model) },
        () => `report: ${out}`,
      );
    });
}
