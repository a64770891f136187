// One CLI worker per test file: runs `dynalign <verb> ...` in a worker thread (cli-worker.ts),
// much faster than spawning a process per case, and closes it (and its HDF5 worker) after.
import { after } from 'node:test';
import { Worker } from 'node:worker_threads';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Start the worker; `after` closes it when the file's tests are done. */
export function startCliWorker(): (...args: string[]) => Promise<CliRun> {
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./cli-worker.ts', import.meta.url).href);
  const boot = `const { register } = await import(${api}); register(); await import(${entry});`;
  const worker = new Worker(new URL('data:text/javascript,' + encodeURIComponent(boot)));
  after(async () => {
    // The worker stops its own HDF5 worker first, so that one's temporary folder goes too.
    await new Promise((resolve) => {
      worker.once('message', resolve);
      worker.postMessage('close');
    });
    await worker.terminate();
  });

  return (...args) =>
    new Promise((resolve, reject) => {
      const fail = (e: Error): void => reject(e);
      worker.once('error', fail);
      worker.once('message', (r: CliRun) => {
        worker.off('error', fail);
        resolve(r);
      });
      worker.postMessage(args);
    });
}
