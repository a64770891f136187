// `dynalign doctor`: the TensorFlow.js backend in use and which system tools are present.
import type { Command } from 'commander';
import { loadTf } from '../../train/backend.js';
import { SYSTEM_TOOLS, toolVersion } from '../../util/tools.js';
import { TOOL_VERSION } from '../../util/version.js';
import { emit } from '../output.js';

export function register(program: Command): void {
  program
    .command('doctor')
    .description('print the TensorFlow.js backend, versions and the system tools found')
    .option('--json', 'print one JSON object')
    .action(async (opts: { json?: boolean }) => {
      const { info } = await loadTf();
      const tools: Record<string, string | null> = {};
      for (const name of Object.keys(SYSTEM_TOOLS)) tools[name] = (await toolVersion(name)) ?? null;
      const result = { dynalign: TOOL_VERSION, node: process.version, tensorflow: info, tools };
      emit(opts.json === true, result, () =>
        [
          `dynalign ${TOOL_VERSION} on Node ${process.version}`,
          `tensorflow.js ${info.version}: backend ${info.backend} (${info.package})` +
            (info.fallbackReason ? ` — tfjs-node unavailable: ${info.fallbackReason}` : ''),
          ...Object.entries(tools).map(
            ([k, v]) =>
              `  ${k.padEnd(14)} ${v ?? `missing (apt-get install ${SYSTEM_TOOLS[k]!.pkg})`}`,
          ),
        ].join('\n'),
      );
    });
}
