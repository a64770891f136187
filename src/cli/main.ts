// dynalign CLI: every file in src/cli/commands registers one verb (or verb group).
import { Command, CommanderError } from 'commander';
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TOOL_VERSION } from '../util/version.js';
import { DynalignError } from '../util/errors.js';
import { hasEmitted } from './output.js';

const COMMAND_DIR = fileURLToPath(new URL('./commands/', import.meta.url));

/** Build the program with every command registered. */
export async function buildProgram(): Promise<Command> {
  const program = new Command('dynalign')
    .description('Dynamical Alignment spiking networks: train, compile, emulate, deploy, energy')
    .version(TOOL_VERSION)
    .configureOutput({ outputError: () => undefined })
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

/** A commander parse error (missing option, unknown command…) as a one-line usage error. */
function fromCommanderError(err: CommanderError, program: Command): DynalignError {
  const word = process.argv.slice(2).find((a) => !a.startsWith('-'));
  const verb = program.commands.find((c) => c.name() === word)?.name();
  return new DynalignError('E_USAGE', err.message.replace(/^error: /, ''), {
    fix: `run dynalign ${verb ? verb + ' ' : ''}--help for usage`,
    cause: err,
  });
}

/** Report an error: one line on stderr, and with --json one error object on stdout. */
function report(err: DynalignError): void {
  process.stderr.write(err.format() + '\n');
  // With --json, stdout holds one object: the error, unless the result was already printed.
  if (process.argv.slice(2).includes('--json') && !hasEmitted()) {
    // Every key is present (null when unknown) so scripts can read a fixed shape.
    const { file = null, field = null, value = null, fix = null } = err.detail;
    const error = { code: err.code, file, field, value, fix, message: err.message };
    process.stdout.write(JSON.stringify({ error }, jsonSafe) + '\n');
  }
  process.exitCode = err.exitCode;
}

function jsonSafe(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? v.toString() : v;
}

async function main(): Promise<void> {
  const program = await buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    // Help and version exit 0; any other commander error is a usage error.
    if (err instanceof CommanderError && err.exitCode === 0) return;
    if (err instanceof CommanderError) return report(fromCommanderError(err, program));
    if (err instanceof DynalignError) return report(err);

    const sys = fromSystemError(err);
    if (sys) return report(sys);
    throw err;
  }
}

await main();
