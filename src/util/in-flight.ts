// Temporary files and folders being written: removed if the process is stopped by a signal.
import { rmSync } from 'node:fs';

// LIMITATION: SIGKILL (and a power cut) cannot be caught, so a `.NAME.tmp-*` sibling can still be
// left behind then; it is never mistaken for the output, but nothing removes it automatically.
const inFlight = new Set<string>();

// Exit status of a process ended by a signal: 128 + signal number (POSIX shell convention).
const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

function onSignal(signal: 'SIGINT' | 'SIGTERM'): void {
  removeAllInFlight();
  process.exit(SIGNAL_EXIT[signal]);
}

/** Remove every temporary path still registered (signal handlers, tests). */
export function removeAllInFlight(): void {
  for (const p of inFlight) rmSync(p, { recursive: true, force: true, maxRetries: 3 });
  inFlight.clear();
}

/** Register a temporary path; while any is registered, SIGINT/SIGTERM clean up and exit. */
export function trackInFlight(path: string): void {
  if (inFlight.size === 0) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  inFlight.add(path);
}

/** Forget a temporary path once it is renamed into place or removed. */
export function untrackInFlight(path: string): void {
  if (!inFlight.delete(path) || inFlight.size > 0) return;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}
