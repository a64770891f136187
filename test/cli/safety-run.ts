// Shared by the safety-*.test.ts files: run the CLI as a user does and collect what it printed.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DISSIPATIVE = join(ROOT, 'models', 'dissipative.nirpb');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `dynalign ARGS` in `cwd` and resolve with its exit code and output. */
export function runCli(args: string[], cwd = ROOT): Promise<CliRun> {
  return new Promise((done) => {
    const bin = join(ROOT, 'bin', 'dynalign.js');
    execFile(process.execPath, [bin, ...args], { cwd, timeout: 120_000 }, (err, stdout, stderr) => {
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
