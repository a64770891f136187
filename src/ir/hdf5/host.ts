// The main-thread side of the HDF5 worker: one worker, reused, one request at a time; it is
// replaced after an abort or a timeout (HDF5 may loop on a corrupt file), so a hostile .nir
// never takes the process down.
import { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IrError } from '../errors.js';
import { DEFAULT_READ_LIMITS, type H5Group, type ReadLimits } from './tree.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

/** How long one read or write may take once the worker is up (ms). */
export const DEFAULT_H5_TIMEOUT_MS = 30_000;

/** How long a fresh worker may take to load h5wasm (ms); busy CI machines are slow. */
const STARTUP_TIMEOUT_MS = 120_000;

/** JS heap cap of the worker; HDF5's own memory is capped by h5wasm's 2 GiB wasm maximum. */
const WORKER_HEAP_MB = 1024;

interface Live {
  worker: Worker;
  /** The worker's temporary folder, removed when it goes. */
  dir: string;
  ready: Promise<void>;
  /** The request in flight, answered by the worker's next reply. */
  waiting?: (reply: WorkerReply | Error) => void;
}

let live: Live | undefined;
/** A worker started in advance after a replacement, so the next request need not wait. */
let spare: Live | undefined;
let queue: Promise<unknown> = Promise.resolve();
/** Temporary folders of workers still running, removed at exit at the latest. */
const folders = new Set<string>();
process.once('exit', () => folders.forEach((d) => removeFolder(d)));

/** Read the bytes of an HDF5 file into a tree, within `limits`. */
export async function readH5(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS,
  timeoutMs = DEFAULT_H5_TIMEOUT_MS): Promise<H5Group> {
  if (bytes.byteLength > limits.maxFileBytes) {
    throw new IrError('E_NIR_TOO_LARGE', `file of ${bytes.byteLength} bytes is over the ` +
      `${limits.maxFileBytes}-byte limit`, '/', 'split the model or raise the limit');
  }
  const copy = new Uint8Array(bytes);
  const reply = await serial(() =>
    request({ id: 0, op: 'read', bytes: copy, limits }, [copy.buffer], timeoutMs));
  return reply.tree!;
}

/** Write a tree as HDF5 bytes. */
export async function writeH5(tree: H5Group,
  timeoutMs = DEFAULT_H5_TIMEOUT_MS): Promise<Uint8Array> {
  const reply = await serial(() => request({ id: 0, op: 'write', tree }, [], timeoutMs));
  return reply.bytes!;
}

/** Stop the worker (an idle one is unref'd, so it never keeps the process alive anyway). */
export async function closeH5(): Promise<void> {
  const all = [live, spare];
  live = spare = undefined;
  for (const l of all) if (l) await l.worker.terminate();
}

function serial<T>(job: () => Promise<T>): Promise<T> {
  const next = queue.then(job, job);
  queue = next.catch(() => undefined);
  return next;
}

async function request(req: WorkerRequest, transfer: ArrayBuffer[],
  timeoutMs: number): Promise<WorkerReply & { ok: true }> {
  const l = ensureWorker();
  l.worker.ref();
  try {
    await withTimeout(l.ready, STARTUP_TIMEOUT_MS, l, 'the HDF5 worker did not start');
    const reply = await withTimeout(new Promise<WorkerReply>((resolve, reject) => {
      l.waiting = (r) => (r instanceof Error ? reject(r) : resolve(r));
      l.worker.postMessage(req, transfer);
    }), timeoutMs, l, `HDF5 did not finish within ${timeoutMs} ms (a corrupt file can make ` +
      'it loop)');
    if (reply.ok) return reply;
    if (reply.aborted) await retire(l);
    const f = reply.failure;
    throw new IrError(f.code, f.message, f.path, fixFor(f.code));
  } finally {
    l.waiting = undefined;
    l.worker.unref();
  }
}

async function withTimeout<T>(p: Promise<T>, ms: number, l: Live, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void retire(l);
      reject(new IrError('E_NIR_TIMEOUT', message, '/', 'check the file, e.g. with h5dump'));
    }, ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function ensureWorker(): Live {
  live ??= spare ?? spawn();
  spare = undefined;
  return live;
}

function spawn(): Live {
  // h5wasm (4 MB of JS) loads before the TypeScript loader is registered, so it is not
  // transformed; console.error is silenced first because emscripten binds it at load.
  const h5 = JSON.stringify(import.meta.resolve('h5wasm/node'));
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./worker.ts', import.meta.url).href);
  const code = 'console.error = () => undefined; console.warn = () => undefined;\n' +
    `await import(${h5});\nconst { register } = await import(${api}); register();\n` +
    `await import(${entry});`;
  const dir = mkdtempSync(join(tmpdir(), 'dynalign-h5-'));
  folders.add(dir);
  const worker = new Worker(new URL('data:text/javascript,' + encodeURIComponent(code)), {
    workerData: { dir },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    stdout: true,
    stderr: true,
  });
  let started: () => void = () => undefined;
  let failed: (e: Error) => void = () => undefined;
  const ready = new Promise<void>((res, rej) => ((started = res), (failed = rej)));
  const l: Live = { worker, dir, ready };
  l.ready.catch(() => undefined);
  worker.on('message', (m: WorkerReply | { ready: true }) => {
    if ('ready' in m) return started();
    l.waiting?.(m);
  });
  const stop = (e: Error): void => {
    if (live === l) live = undefined;
    if (spare === l) spare = undefined;
    removeFolder(l.dir);
    const err = new IrError('E_NIR_HDF5', `HDF5 worker failed: ${e.message}`, '/',
      'check that h5wasm is installed (npm ci)');
    failed(err);
    l.waiting?.(err);
  };
  worker.on('error', stop);
  worker.on('exit', () => stop(new Error('the worker stopped')));
  worker.unref();
  return l;
}

async function retire(l: Live): Promise<void> {
  if (live === l) live = undefined;
  spare ??= spawn();
  await l.worker.terminate();
}

function removeFolder(dir: string): void {
  folders.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}

function fixFor(code: string): string {
  if (code === 'E_NIR_NOT_HDF5') return 'pass a .nir file written by nir.write (HDF5)';
  if (code === 'E_NIR_TOO_LARGE') return 'check the shapes stored in the file';
  return 'check the file, e.g. with h5dump';
}
