// dynalign CLI: every file in src/cli/commands registers one verb (or verb group).
import { Command, CommanderError } from 'commander';
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TOOL_VERSION } from '../util/version.js';
import { EXIT_BAD_INPUT, DynalignError } from '../util/errors.js';

const COMMAND_DIR = fileURLToPath(new URL('./commands/', import.meta.url));

/** Build the program with every command registered. */
export async function buildProgram(): Promise<Command> {
  const program = new Command('dynalign')
    .description('Dynamical Alignment spiking networks: train, compile, emulate, deploy, energy')
    .version(TOOL_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const files = readdirSync(COMMAND_DIR)
    .filter((f) => /\.ts$/.test(f))
    .sort();
  for (const f of files) {
    const mod = (await import(pathToFileURL(COMMAND_DIR + f).href)) as {
      register?: (p: Command) => void;
    };
    mod.register?.(program);
  }
  return program;
}

async function main(): Promise<void> {
  const program = await buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; any other commander error is a usage error.
      process.exitCode = err.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
      return;
    }
    if (err instanceof DynalignError) {
      process.stderr.write(err.format() + '\n');
      process.exitCode = err.exitCode;
      return;
    }
    throw err;
  }
}

await main();
