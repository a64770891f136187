// The main-thread side of the HDF5 worker: one worker, reused, replaced after an abort or a
// timeout (HDF5 may loop on a corrupt file), so a hostile .nir never takes the process down.
import { Worker } from 'node:worker_threads';
import { IrError } from '../errors.js';
import { DEFAULT_READ_LIMITS, type H5Group, type ReadLimits } from './tree.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

/** How long one read or write may take before the worker is killed (ms). */
export const DEFAULT_H5_TIMEOUT_MS = 30_000;

/** JS heap cap of the worker; HDF5's own memory is capped by h5wasm's 2 GiB wasm maximum. */
const WORKER_HEAP_MB = 1024;

interface Pending {
  resolve(reply: WorkerReply): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

/** Read the bytes of an HDF5 file into a tree, within `limits`. */
export async function readH5(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS,
  timeoutMs = DEFAULT_H5_TIMEOUT_MS): Promise<H5Group> {
  if (bytes.byteLength > limits.maxFileBytes) {
    throw new IrError('E_NIR_TOO_LARGE', `file of ${bytes.byteLength} bytes is over the ` +
      `${limits.maxFileBytes}-byte limit`, '/', 'split the model or raise the limit');
  }
  const copy = new Uint8Array(bytes);
  const reply = await request({ id: 0, op: 'read', bytes: copy, limits }, [copy.buffer], timeoutMs);
  return reply.tree!;
}

/** Write a tree as HDF5 bytes. */
export async function writeH5(tree: H5Group,
  timeoutMs = DEFAULT_H5_TIMEOUT_MS): Promise<Uint8Array> {
  const reply = await request({ id: 0, op: 'write', tree }, [], timeoutMs);
  return reply.bytes!;
}

/** Stop the worker (it is also unref'd, so an idle one never keeps the process alive). */
export async function closeH5(): Promise<void> {
  const w = worker;
  worker = undefined;
  if (w) await w.terminate();
}

function request(req: WorkerRequest, transfer: ArrayBuffer[],
  timeoutMs: number): Promise<WorkerReply & { ok: true }> {
  const w = ensureWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      void replaceWorker(w);
      reject(new IrError('E_NIR_TIMEOUT', `HDF5 did not finish within ${timeoutMs} ms ` +
        '(a corrupt file can make it loop)', '/', 'check the file, e.g. with h5dump'));
    }, timeoutMs);
    pending.set(id, {
      timer,
      reject,
      resolve(reply) {
        if (reply.ok) return resolve(reply);
        if (reply.aborted) void replaceWorker(w);
        const f = reply.failure;
        reject(new IrError(f.code, f.message, f.path, fixFor(f.code)));
      },
    });
    w.ref();
    w.postMessage({ ...req, id }, transfer);
  });
}

function ensureWorker(): Worker {
  if (worker) return worker;
  // h5wasm (4 MB of JS) loads before the TypeScript loader is registered, so it is not
  // transformed; console.error is silenced first because emscripten binds it at load.
  const h5 = JSON.stringify(import.meta.resolve('h5wasm/node'));
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./worker.ts', import.meta.url).href);
  const code = 'console.error = () => undefined; console.warn = () => undefined;\n' +
    `await import(${h5});\nconst { register } = await import(${api}); register();\n` +
    `await import(${entry});`;
  const w = new Worker(new URL('data:text/javascript,' + encodeURIComponent(code)), {
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    stdout: true,
    stderr: true,
  });
  w.on('message', (reply: WorkerReply) => settle(w, reply));
  w.on('error', (e) => failAll(w, e));
  w.on('exit', () => failAll(w, new Error('the HDF5 worker stopped')));
  w.unref();
  worker = w;
  return w;
}

function settle(w: Worker, reply: WorkerReply): void {
  const p = pending.get(reply.id);
  if (!p) return;
  pending.delete(reply.id);
  clearTimeout(p.timer);
  if (pending.size === 0) w.unref();
  p.resolve(reply);
}

function failAll(w: Worker, e: Error): void {
  if (worker === w) worker = undefined;
  for (const [id, p] of pending) {
    pending.delete(id);
    clearTimeout(p.timer);
    p.reject(new IrError('E_NIR_HDF5', `HDF5 worker failed: ${e.message}`, '/',
      'check that h5wasm is installed (npm ci)'));
  }
}

async function replaceWorker(w: Worker): Promise<void> {
  if (worker === w) worker = undefined;
  failAll(w, new Error('it was restarted'));
  await w.terminate();
}

function fixFor(code: string): string {
  if (code === 'E_NIR_NOT_HDF5') return 'pass a .nir file written by nir.write (HDF5)';
  if (code === 'E_NIR_TOO_LARGE') return 'check the shapes stored in the file';
  return 'check the file, e.g. with h5dump';
}
