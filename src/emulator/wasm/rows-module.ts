// A hand-assembled WebAssembly SIMD module with the emulator's two hot loops:
//   addRows(acc, wt, ev, nev, stride): for each event e, acc[0..stride) += int8 row wt[ev[e]]
//   addScaledRows(acc, wt, ev, vals, nev, stride): the same with each row times vals[e] (MACs)
// Sixteen int8 weights are loaded at once, sign-extended to int16 and then int32, and added to
// four int32 lanes of the accumulator. `stride` must be a multiple of 16 (rows are padded).
// Opcodes: WebAssembly core spec 2.0, section 5.4 (SIMD instructions carry the 0xFD prefix).

const I32 = 0x7f;
const V128 = 0x7b;
const OP = {
  block: 0x02,
  loop: 0x03,
  end: 0x0b,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32LtU: 0x49,
  i32Add: 0x6a,
  i32Mul: 0x6c,
  i32Shl: 0x74,
} as const;
const SIMD = {
  load: 0x00,
  store: 0x0b,
  i16x8ExtendLowI8x16S: 0x87,
  i16x8ExtendHighI8x16S: 0x88,
  i32x4ExtendLowI16x8S: 0xa7,
  i32x4ExtendHighI16x8S: 0xa8,
  i32x4Add: 0xae,
  i32x4Mul: 0xb5,
  i32x4Splat: 0x11,
} as const;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
const get = (i: number) => [OP.localGet, i];
const set = (i: number) => [OP.localSet, i];
const tee = (i: number) => [OP.localTee, i];
const i32 = (v: number) => [OP.i32Const, ...uleb(v)];

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function name(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
}

/** Local indices of one function: its parameters first, then its own locals. */
interface Slots {
  acc: number;
  wt: number;
  ev: number;
  vals: number;
  nev: number;
  stride: number;
  e: number;
  row: number;
  j: number;
  addr: number;
  w: number;
  h: number;
  vv: number;
}

// addRows(acc, wt, ev, nev, stride) and addScaledRows(acc, wt, ev, vals, nev, stride).
const PLAIN: Slots = {
  acc: 0,
  wt: 1,
  ev: 2,
  vals: -1,
  nev: 3,
  stride: 4,
  e: 5,
  row: 6,
  j: 7,
  addr: 8,
  w: 9,
  h: 10,
  vv: -1,
};
const SCALED: Slots = {
  acc: 0,
  wt: 1,
  ev: 2,
  vals: 3,
  nev: 4,
  stride: 5,
  e: 6,
  row: 7,
  j: 8,
  addr: 9,
  w: 10,
  h: 11,
  vv: 12,
};

/** acc[addr + offset] += i32x4 extend (low or high) of h, times vv when scaled. */
function addLanes(L: Slots, offset: number, high: boolean): number[] {
  const ext = high ? SIMD.i32x4ExtendHighI16x8S : SIMD.i32x4ExtendLowI16x8S;
  const scale = L.vv >= 0 ? [...get(L.vv), ...simd(SIMD.i32x4Mul)] : [];
  return [
    ...get(L.addr),
    ...get(L.addr),
    ...simd(SIMD.load, 4, offset),
    ...get(L.h),
    ...simd(ext),
    ...scale,
    ...simd(SIMD.i32x4Add),
    ...simd(SIMD.store, 4, offset),
  ];
}

function body(L: Slots): number[] {
  const inner = [
    OP.loop,
    0x40,
    ...get(L.row),
    ...get(L.j),
    OP.i32Add,
    ...simd(SIMD.load, 0, 0),
    ...set(L.w),
    ...get(L.acc),
    ...get(L.j),
    ...i32(2),
    OP.i32Shl,
    OP.i32Add,
    ...set(L.addr),
    ...get(L.w),
    ...simd(SIMD.i16x8ExtendLowI8x16S),
    ...set(L.h),
    ...addLanes(L, 0, false),
    ...addLanes(L, 16, true),
    ...get(L.w),
    ...simd(SIMD.i16x8ExtendHighI8x16S),
    ...set(L.h),
    ...addLanes(L, 32, false),
    ...addLanes(L, 48, true),
    ...get(L.j),
    ...i32(16),
    OP.i32Add,
    ...tee(L.j),
    ...get(L.stride),
    OP.i32LtU,
    OP.brIf,
    0,
    OP.end,
  ];
  // The payload of a graded event, splat over four lanes.
  const splat =
    L.vv >= 0
      ? [
          ...get(L.vals),
          ...get(L.e),
          ...i32(2),
          OP.i32Shl,
          OP.i32Add,
          OP.i32Load,
          2,
          0,
          ...simd(SIMD.i32x4Splat),
          ...set(L.vv),
        ]
      : [];
  const outer = [
    OP.loop,
    0x40,
    ...get(L.wt),
    ...get(L.ev),
    ...get(L.e),
    ...i32(2),
    OP.i32Shl,
    OP.i32Add,
    OP.i32Load,
    2,
    0,
    ...get(L.stride),
    OP.i32Mul,
    OP.i32Add,
    ...set(L.row),
    ...splat,
    ...i32(0),
    ...set(L.j),
    ...inner,
    ...get(L.e),
    ...i32(1),
    OP.i32Add,
    ...tee(L.e),
    ...get(L.nev),
    OP.i32LtU,
    OP.brIf,
    0,
    OP.end,
  ];
  const code = [
    OP.block,
    0x40,
    ...get(L.nev),
    OP.i32Eqz,
    OP.brIf,
    0,
    ...get(L.stride),
    OP.i32Eqz,
    OP.brIf,
    0,
    ...i32(0),
    ...set(L.e),
    ...outer,
    OP.end,
    OP.end,
  ];
  const locals = [2, 4, I32, L.vv >= 0 ? 3 : 2, V128];
  return [...uleb(locals.length + code.length), ...locals, ...code];
}

/** The module's bytes: imports env.memory, exports addRows and addScaledRows. */
export function rowsModuleBytes(): Uint8Array<ArrayBuffer> {
  const types = [2, 0x60, 5, I32, I32, I32, I32, I32, 0, 0x60, 6, I32, I32, I32, I32, I32, I32, 0];
  const imports = [1, ...name('env'), ...name('memory'), 0x02, 0x00, 1];
  const funcs = [2, 0, 1];
  const exports = [2, ...name('addRows'), 0x00, 0, ...name('addScaledRows'), 0x00, 1];
  const code = [2, ...body(PLAIN), ...body(SCALED)];
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    1,
    0,
    0,
    0,
    ...section(1, types),
    ...section(2, imports),
    ...section(3, funcs),
    ...section(7, exports),
    ...section(10, code),
  ]);
}
