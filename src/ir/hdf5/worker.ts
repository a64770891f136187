// Worker thread that owns one h5wasm (HDF5 compiled to WebAssembly) instance. It turns .nir
// bytes into an H5 tree and back. HDF5 can abort or loop on a corrupt file, so it runs here:
// the host kills and replaces this worker on a timeout or an abort.
import { parentPort, workerData } from 'node:worker_threads';
import { join } from 'node:path';
import { type DType, type TypedData, allocate } from '../tensor.js';
import type { H5Failure, H5Group, H5Node, ReadLimits } from './tree.js';
import { writeTree } from './worker-write.js';

// The host's bootstrap has silenced console.error before h5wasm loaded (emscripten binds it at
// load), and here fd 2 goes to /dev/null, so HDF5's diagnostic dumps never reach the terminal.
const h5 = (await import('h5wasm/node')).default;
const Module = await h5.ready;
const fs = Module.FS as unknown as { getStream(fd: number): unknown; close(s: unknown): void;
  open(path: string, mode: string): unknown };
fs.close(fs.getStream(2));
fs.open('/dev/null', 'w');

const readFile = (path: string): Uint8Array => Module.FS.readFile(path);

type H5Entity = ReturnType<InstanceType<typeof h5.Group>['get']>;
type H5Dataset = InstanceType<typeof h5.Dataset>;

/** Messages the host sends. */
export type WorkerRequest =
  | { id: number; op: 'read'; bytes: Uint8Array; limits: ReadLimits }
  | { id: number; op: 'write'; tree: H5Group };

/** Messages this worker answers with. */
export type WorkerReply =
  | { id: number; ok: true; tree?: H5Group; bytes?: Uint8Array }
  | { id: number; ok: false; failure: H5Failure; aborted: boolean };

class Fail extends Error {
  constructor(readonly failure: H5Failure) {
    super(failure.message);
  }
}

interface Budget {
  members: number;
  bytes: number;
}

let counter = 0;
/** The member being read, named in errors HDF5 raises without saying where. */
let reading = '/';

// h5wasm's Node build maps its file system onto the real one (NODERAWFS), so each worker
// works in its own temporary folder, made and removed by the host.
const dir = (workerData as { dir: string }).dir;

parentPort!.postMessage({ ready: true });

parentPort!.on('message', (req: WorkerRequest) => {
  const file = join(dir, `f${counter++}.h5`);
  try {
    const reply: WorkerReply = req.op === 'read'
      ? { id: req.id, ok: true, tree: readBytes(file, req.bytes, req.limits) }
      : { id: req.id, ok: true, bytes: writeTree(h5, readFile, file, req.tree) };
    const transfer = reply.bytes ? [reply.bytes.buffer as ArrayBuffer] : [];
    parentPort!.postMessage(reply, transfer);
  } catch (e) {
    const aborted = e instanceof WebAssembly.RuntimeError;
    const what = req.op === 'read' ? `reading ${reading}` : 'writing the file';
    const failure = e instanceof Fail ? e.failure : {
      code: aborted ? 'E_NIR_HDF5_ABORT' : 'E_NIR_HDF5',
      message: `HDF5 failed ${what} (${aborted ? 'it aborted' : describe(e)}); the file is ` +
        'corrupt or truncated',
      path: req.op === 'read' ? reading : '',
    };
    parentPort!.postMessage({ id: req.id, ok: false, failure, aborted } satisfies WorkerReply);
  } finally {
    try {
      Module.FS.unlink(file);
    } catch {
      // The file was never created.
    }
  }
});

function readBytes(file: string, bytes: Uint8Array, limits: ReadLimits): H5Group {
  reading = '/';
  Module.FS.writeFile(file, bytes);
  let f: InstanceType<typeof h5.File>;
  try {
    f = new h5.File(file, 'r');
  } catch (e) {
    throw new Fail({ code: 'E_NIR_NOT_HDF5', message: `not an HDF5 file (${describe(e)})`,
      path: '/' });
  }
  try {
    return readGroup(f, '', 0, limits, { members: 0, bytes: 0 });
  } finally {
    f.close();
  }
}

function readGroup(g: InstanceType<typeof h5.Group>, path: string, depth: number,
  limits: ReadLimits, budget: Budget): H5Group {
  if (depth > limits.maxDepth) {
    throw new Fail({ code: 'E_NIR_TOO_DEEP', message: `groups nest deeper than ${limits.maxDepth}`,
      path });
  }
  const children: Array<[string, H5Node]> = [];
  for (const key of g.keys()) {
    const at = `${path}/${key}`;
    reading = at;
    if (++budget.members > limits.maxMembers) {
      throw new Fail({ code: 'E_NIR_TOO_LARGE',
        message: `more than ${limits.maxMembers} groups and datasets`, path: at });
    }
    children.push([key, readMember(g.get(key), at, depth, limits, budget)]);
  }
  return { kind: 'group', children };
}

function readMember(e: H5Entity, at: string, depth: number, limits: ReadLimits,
  budget: Budget): H5Node {
  if (e instanceof h5.Group) return readGroup(e, at, depth + 1, limits, budget);
  if (e instanceof h5.Dataset) return readDataset(e, at, limits, budget);
  return { kind: 'other', description: e ? e.constructor.name : 'a member h5wasm cannot open' };
}

function readDataset(d: H5Dataset, at: string, limits: ReadLimits, budget: Budget): H5Node {
  const m = d.metadata;
  if (!m.shape) return { kind: 'other', description: 'a dataset with a null dataspace' };
  const shape = m.shape.map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const bytes = count * m.size;
  if (bytes > limits.maxDatasetBytes || (budget.bytes += bytes) > limits.maxTotalBytes) {
    throw new Fail({ code: 'E_NIR_TOO_LARGE', path: at, message: `dataset [${shape}] of ` +
      `${m.size}-byte values needs ${bytes} bytes; the limit is ${limits.maxDatasetBytes} per ` +
      `dataset and ${limits.maxTotalBytes} in all` });
  }
  checkFilters(d, at);

  if (m.type === Module.H5T_class_t.H5T_STRING.value) {
    const v = d.value;
    const values = Array.isArray(v) ? v.map(String) : [String(v)];
    return { kind: 'text', shape, values };
  }
  const dtype = dtypeOf(m.type, m.size, m.signed);
  // LIMITATION: big-endian, float16, uint64, enum (bool), compound and reference datasets are
  // not read; as a field they stop the read with a message, in metadata they are left out.
  if (!dtype || !m.littleEndian) {
    return { kind: 'other', description: `a dataset of an unsupported type (${d.dtype})` };
  }
  const v = d.value as unknown;
  const data = ArrayBuffer.isView(v) ? (v as TypedData).slice() : scalar(dtype, v);
  return { kind: 'numeric', dtype, shape, data };
}

/** HDF5 filter ids h5wasm decodes: deflate, shuffle, Fletcher-32 (HDF5 H5Zpublic.h). */
const READABLE_FILTERS = new Set([1, 2, 3]);

function checkFilters(d: H5Dataset, at: string): void {
  for (const f of d.filters) {
    if (READABLE_FILTERS.has(f.id)) continue;
    throw new Fail({ code: 'E_NIR_FILTER', path: at, message: `compressed with HDF5 filter ` +
      `'${f.name}' (id ${f.id}); only deflate (gzip) can be read. Re-save it with gzip` });
  }
}

function dtypeOf(type: number, size: number, signed: boolean): DType | undefined {
  if (type === Module.H5T_class_t.H5T_FLOAT.value) {
    return size === 4 ? 'float32' : size === 8 ? 'float64' : undefined;
  }
  if (type !== Module.H5T_class_t.H5T_INTEGER.value) return undefined;
  const ints: Record<number, DType | undefined> = signed
    ? { 1: 'int8', 2: 'int16', 4: 'int32', 8: 'int64' }
    : { 1: 'uint8', 2: 'uint16', 4: 'uint32' };
  return ints[size];
}

function scalar(dtype: DType, v: unknown): TypedData {
  const data = allocate(dtype, 1);
  if (data instanceof BigInt64Array) data[0] = BigInt(v as bigint);
  else data[0] = Number(v);
  return data;
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
