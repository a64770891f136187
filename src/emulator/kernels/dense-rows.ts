// Monomorphic row accumulation loops: one function per array type, so the JIT sees a single
// element kind in each hot loop (a loop over a union of typed arrays runs about 10× slower).
// Row i of `wt` starts at i·stride and its first out.length entries are the fan-out of input i.

/** out += Σ rows of the spiking inputs (int8 weights). */
export function addRowsI8(
  out: Int32Array,
  wt: Int8Array,
  ev: Int32Array,
  nev: number,
  stride: number,
): void {
  const n = out.length;
  for (let e = 0; e < nev; e++) {
    const row = ev[e]! * stride;
    for (let j = 0; j < n; j++) out[j] = (out[j]! + wt[row + j]!) | 0;
  }
}

/** out += Σ rows of the spiking inputs (int16 weights). */
export function addRowsI16(
  out: Int32Array,
  wt: Int16Array,
  ev: Int32Array,
  nev: number,
  stride: number,
): void {
  const n = out.length;
  for (let e = 0; e < nev; e++) {
    const row = ev[e]! * stride;
    for (let j = 0; j < n; j++) out[j] = (out[j]! + wt[row + j]!) | 0;
  }
}

/** out += Σ rows of the spiking inputs (int32 weights). */
export function addRowsI32(
  out: Int32Array,
  wt: Int32Array,
  ev: Int32Array,
  nev: number,
  stride: number,
): void {
  const n = out.length;
  for (let e = 0; e < nev; e++) {
    const row = ev[e]! * stride;
    for (let j = 0; j < n; j++) out[j] = (out[j]! + wt[row + j]!) | 0;
  }
}

/** out += Σ x_i · row_i over graded integer inputs (any integer weight array). */
export function addScaledRowsInt(
  out: Int32Array,
  wt: Int8Array | Int16Array | Int32Array,
  x: Int32Array,
  ev: Int32Array,
  nev: number,
  stride: number,
): void {
  const n = out.length;
  for (let e = 0; e < nev; e++) {
    const i = ev[e]!;
    const v = x[i]!;
    const row = i * stride;
    for (let j = 0; j < n; j++) out[j] = (out[j]! + Math.imul(v, wt[row + j]!)) | 0;
  }
}

/** out += Σ rows of the spiking inputs (float weights). */
export function addRowsF64(
  out: Float64Array,
  wt: Float64Array,
  ev: Int32Array,
  nev: number,
  stride: number,
): void {
  const n = out.length;
  for (let e = 0; e < nev; e++) {
    const row = ev[e]! * stride;
    for (let j = 0; j < n; j++) out[j]! += wt[row + j]!;
  }
}

/** out += Σ x_i · row_i over graded float inputs. */
export function addScaledRowsF64(
  out: Float64Array,
  wt: Float64Array,
  x: Float64Array,
  ev: Int32Array,
  nev: number,
  stride: number,
): void {
  const n = out.length;
  for (let e = 0; e < nev; e++) {
    const i = ev[e]!;
    const v = x[i]!;
    const row = i * stride;
    for (let j = 0; j < n; j++) out[j]! += v * wt[row + j]!;
  }
}
