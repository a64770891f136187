// `dynalign compile MODEL --target T --out DIR`: write a target's deployment artefacts.
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { loadValidModel } from '../../io/model-file.js';
import { loadTarget } from '../../targets/registry.js';
import { emit, stage } from '../output.js';
import { parsePassThrough } from '../pass-through.js';
import { DynalignError } from '../../util/errors.js';
import { allowForeignOut, checkOutDir } from '../../util/out-dir.js';

interface CompileFlags {
  target: string;
  out?: string;
  force?: boolean;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('compile')
    .description("compile a model (.nirpb, .nir, .json) into a target's deployment artefacts")
    .argument('<model>', 'model file')
    .requiredOption('-t, --target <name>', 'loihi | spinnaker | fpga')
    .option('-o, --out <dir>', 'output folder (default: ./dynalign-out/<target>)')
    .option('--force', 'replace --out even if it holds files dynalign did not write')
    .option('--json', 'print one JSON object')
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .helpOption('-h, --help', 'target options (e.g. --part up5k) are passed to the target')
    .action(async (modelPath: string, flags: CompileFlags, cmd: Command) => {
      const options = parsePassThrough(cmd.args.filter((a) => a !== modelPath));
      const adapter = await loadTarget(flags.target);
      adapter.checkOptions?.(options);
      const outDir = resolve(flags.out ?? `dynalign-out/${adapter.name}`);

      // Refuse a file or a foreign folder before loading the model or synthesising anything.
      if (flags.force === true) allowForeignOut(outDir);
      await checkOutDir(outDir);
      const model = await loadValidModel(modelPath);
      if (!model.graph || Object.keys(model.graph.nodes).length === 0) {
        throw new DynalignError('E_MODEL_EMPTY', 'model has no nodes', { file: modelPath });
      }
      const spin = stage(`compiling for ${adapter.name}`);
      try {
        const res = await adapter.compile(model, { outDir, modelPath, options });
        spin.succeed(`${adapter.name}: ${res.artefacts.length} artefacts in ${outDir}`);
        emit(flags.json === true, { target: adapter.name, outDir, ...res }, () =>
          [
            `${adapter.name} artefacts in ${outDir}:`,
            ...res.artefacts.map((a) => `  ${a}`),
            ...res.notes.map((n) => `note: ${n}`),
          ].join('\n'),
        );
      } catch (err) {
        spin.fail(`${adapter.name}: compile failed`);
        throw err;
      }
    });
}
