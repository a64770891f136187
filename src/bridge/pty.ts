// Pseudo-terminal pairs from socat (`pty,raw,echo=0,link=PATH` twice): two device paths
// joined back to back, the stand-in for a USB serial cable until a board is on the desk.
import { spawn, type ChildProcess } from 'node:child_process';
import { lstat } from 'node:fs/promises';
import { requireTool } from '../util/tools.js';
import { DynalignError } from '../util/errors.js';

// socat prints both pty names within milliseconds; 5 s covers a loaded 2-core machine.
const PTY_WAIT_MS = 5000;

export interface PtyPair {
  /** Stable paths (symlinks socat creates) of the two ends. */
  a: string;
  b: string;
  process: ChildProcess;
  close(): Promise<void>;
}

/** Create a pty pair whose ends are reachable as the symlinks a and b. */
export async function openPtyPair(a: string, b: string): Promise<PtyPair> {
  await requireTool('socat');
  const child = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const ok = await waitFor(async () => (await exists(a)) && (await exists(b)), PTY_WAIT_MS, child);
  if (!ok) {
    await stopProcess(child);
    throw new DynalignError('E_PTY', 'socat did not create the pseudo-terminal pair', {
      field: 'link',
      value: a,
      fix: `check that the folder exists and is writable; socat said: ${lastLine(log)}`,
    });
  }
  return { a, b, process: child, close: () => stopProcess(child) };
}

/** Poll until cond holds, the time runs out, or the process dies. */
export async function waitFor(
  cond: () => Promise<boolean>,
  ms: number,
  child?: ChildProcess,
): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return true;
    if (child && child.exitCode !== null) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return cond();
}

/** SIGTERM a child we started, and wait for it (SIGKILL after 2 s). */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
  await done;
  clearTimeout(timer);
}

async function exists(p: string): Promise<boolean> {
  return lstat(p).then(
    () => true,
    () => false,
  );
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}
