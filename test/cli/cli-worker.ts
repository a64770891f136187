// Runs one `dynalign <verb> ...` command inside a worker thread, as src/cli/main.ts would, and
// reports exit code, stdout and stderr; the test reporter's own stdout is left alone.
import { parentPort } from 'node:worker_threads';
import { Command, CommanderError } from 'commander';
import { DynalignError } from '../../src/util/errors.js';
import { closeH5 } from '../../src/ir/hdf5/host.js';

type Register = { register: (program: Command) => void };

parentPort!.on('message', async (args: string[] | 'close') => {
  if (args === 'close') {
    await closeH5();
    return parentPort!.postMessage('closed');
  }
  const program = new Command('dynalign').exitOverride();
  const verb = args[0]!;
  const mod = (await import(`../../src/cli/commands/${verb}.ts`)) as Register;
  mod.register(program);
  let out = '';
  let err = '';
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  let code = 0;
  try {
    await program.parseAsync(['node', 'dynalign', ...args]);
  } catch (e) {
    if (e instanceof DynalignError) {
      err += e.format() + '\n';
      code = e.exitCode;
    } else if (e instanceof CommanderError) code = e.exitCode === 0 ? 0 : 2;
    else {
      err += String(e);
      code = 99;
    }
  }
  parentPort!.postMessage({ code, out, err });
});
