// `dynalign demo`: both modes, all targets, one table (the main job).
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { runDemo } from '../../demo/run-demo.js';
import { formatDemoTable } from '../../report/demo-table.js';
import { TARGET_NAMES } from '../../targets/registry.js';
import { emit, log, parseInteger } from '../output.js';
import { checkOutFolder } from '../../util/out-path.js';
import { parseTargetList } from '../targets-option.js';

interface DemoFlags {
  out: string;
  retrain?: boolean;
  limit?: string;
  targets: string;
  models?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('demo')
    .description('train or load both modes, compile for every target, emulate, compare energy')
    .option('-o, --out <dir>', 'output folder', 'dynalign-out')
    .option('--retrain', 'train both networks from scratch instead of loading the shipped ones')
    .option('--limit <n>', 'run n test inputs evenly spaced over the class-ordered split')
    .option('--targets <list>', 'comma-separated targets', TARGET_NAMES.join(','))
    .option(
      '--models <dir>',
      'folder with dissipative.nirpb and expansive.nirpb (default: shipped)',
    )
    .option('--json', 'print one JSON object')
    .action(async (flags: DemoFlags) => {
      const targets = parseTargetList(flags.targets);
      const limit = flags.limit === undefined ? undefined : parseInteger('--limit', flags.limit, 1);
      await checkOutFolder(resolve(flags.out), '--out');
      const result = await runDemo({
        outDir: resolve(flags.out),
        retrain: flags.retrain === true,
        ...(limit === undefined ? {} : { limit }),
        targets,
        ...(flags.models ? { modelsDir: resolve(flags.models) } : {}),
        onProgress: log,
      });
      // Rasters are for the report page; --json keeps to the table's quantities.
      const forJson = { ...result, modes: result.modes.map(({ raster: _r, ...m }) => m) };
      emit(
        flags.json === true,
        forJson,
        () => `${formatDemoTable(result)}\nreport: ${result.report}`,
      );
    });
}
