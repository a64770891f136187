// The WebAssembly memory of one plan: every int8 weight matrix of its dense layers, copied in once,
// plus scratch room for one event list and one accumulator. The memory never grows, so the
// typed-array views taken here stay valid for the plan's life.
import { rowsModuleBytes } from './rows-module.js';

export interface RowsArena {
  memory: WebAssembly.Memory;
  addRows: (acc: number, wt: number, ev: number, nev: number, stride: number) => void;
  addScaledRows: (
    acc: number,
    wt: number,
    ev: number,
    vals: number,
    nev: number,
    stride: number,
  ) => void;
  /** Scratch event list, event payloads and accumulator, with their byte addresses. */
  ev: Int32Array;
  evPtr: number;
  vals: Int32Array;
  valsPtr: number;
  acc: Int32Array;
  accPtr: number;
  /** Place an int8 matrix in the arena; returns its byte address and a view of it. */
  place(w: Int8Array): { ptr: number; view: Int8Array };
}

const PAGE = 65536;
let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is unavailable. */
function rowsModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  const bytes = rowsModuleBytes();
  compiled =
    typeof WebAssembly === 'object' && WebAssembly.validate(bytes)
      ? new WebAssembly.Module(bytes)
      : null;
  return compiled;
}

/** Rows padded to a multiple of 16 so the SIMD loop needs no scalar tail. */
export function paddedStride(nOut: number): number {
  return Math.ceil(nOut / 16) * 16;
}

/** An arena for `weightBytes` of matrices, events up to maxIn and accumulators up to maxStride. */
export function createRowsArena(
  weightBytes: number,
  maxIn: number,
  maxStride: number,
): RowsArena | undefined {
  const mod = rowsModule();
  if (!mod) return undefined;
  const evPtr = 0;
  const valsPtr = align(evPtr + 4 * maxIn);
  const accPtr = align(valsPtr + 4 * maxIn);
  let next = align(accPtr + 4 * maxStride);
  const memory = new WebAssembly.Memory({
    initial: Math.max(1, Math.ceil((next + weightBytes + 16) / PAGE)),
  });
  const inst = new WebAssembly.Instance(mod, { env: { memory } });
  const buf = memory.buffer;
  return {
    memory,
    addRows: inst.exports.addRows as RowsArena['addRows'],
    addScaledRows: inst.exports.addScaledRows as RowsArena['addScaledRows'],
    ev: new Int32Array(buf, evPtr, maxIn),
    evPtr,
    vals: new Int32Array(buf, valsPtr, maxIn),
    valsPtr,
    acc: new Int32Array(buf, accPtr, maxStride),
    accPtr,
    place(w: Int8Array) {
      const ptr = next;
      next = align(next + w.length);
      const view = new Int8Array(buf, ptr, w.length);
      view.set(w);
      return { ptr, view };
    },
  };
}

function align(x: number): number {
  return Math.ceil(x / 16) * 16;
}
