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

/** A file-system error on a path the user gave (EEXIST, ENOTDIR, EACCES…) is bad input. */
function fromSystemError(err: unknown): DynalignError | undefined {
  const e = err as NodeJS.ErrnoException;
  const codes = ['EEXIST', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'ENOENT', 'EROFS', 'ENOSPC'];
  if (!(e instanceof Error) || !e.code || !codes.includes(e.code)) return undefined;
  return new DynalignError('E_FILE', `${e.syscall ?? 'file operation'} failed (${e.code})`, {
    file: e.path ?? '',
    fix: 'choose a path whose parent folders exist, are folders, and are writable',
    cause: err,
  });
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
    const sys = fromSystemError(err);
    if (sys) {
      process.stderr.write(sys.format() + '\n');
      process.exitCode = sys.exitCode;
      return;
    }
    throw err;
  }
}

await main();
