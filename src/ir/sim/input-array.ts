// Simulation inputs from CSV text or .npy bytes, as time-major float64 frames of the Input size.
// CSV: one row per step; the first `size` columns are the input (the fixtures' layout puts the
// input in column 1 and recorded outputs after it). NPY: an array [T, ...] of any numeric dtype.
import { IrError } from '../errors.js';
import { MAX_TENSOR_ELEMENTS } from '../json-values.js';

/** Steps × size values, row-major. */
export interface InputFrames {
  steps: number;
  values: Float64Array;
}

/** Parse CSV text; blank lines, '#' comments and one non-numeric header row are skipped. */
export function framesFromCsv(text: string, size: number): InputFrames {
  const rows = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const isHeader = (row: string): boolean =>
    row.split(/[,;\s]+/).some((c) => c !== '' && Number.isNaN(Number(c)));
  if (rows.length > 0 && isHeader(rows[0]!)) {
    rows.shift();
  }
  if (rows.length * size > MAX_TENSOR_ELEMENTS) {
    throw new IrError('E_INPUT_TOO_LARGE', `${rows.length} rows of ${size} values is too much`, '');
  }
  const values = new Float64Array(rows.length * size);
  rows.forEach((row, t) => {
    const cells = row.split(/[,;\s]+/).filter((c) => c !== '');
    if (cells.length < size) {
      throw new IrError('E_INPUT_SHAPE', `row ${t + 1} has ${cells.length} columns; the Input ` +
        `takes ${size} values per step`, `row ${t + 1}`, 'put one step per row, inputs first');
    }
    for (let j = 0; j < size; j++) {
      const v = Number(cells[j]);
      if (!Number.isFinite(v)) {
        throw new IrError('E_INPUT_VALUE', `row ${t + 1} column ${j + 1} is '${cells[j]}', not ` +
          'a number', `row ${t + 1}`);
      }
      values[t * size + j] = v;
    }
  });
  return { steps: rows.length, values };
}

/** Element readers of the numpy dtypes accepted (little-endian, as numpy writes on x86). */
const NPY_READERS: Record<string, [number, (d: DataView, at: number) => number]> = {
  '<f8': [8, (d, at) => d.getFloat64(at, true)],
  '<f4': [4, (d, at) => d.getFloat32(at, true)],
  '<i8': [8, (d, at) => Number(d.getBigInt64(at, true))],
  '<i4': [4, (d, at) => d.getInt32(at, true)],
  '<i2': [2, (d, at) => d.getInt16(at, true)],
  '|i1': [1, (d, at) => d.getInt8(at)],
  '|u1': [1, (d, at) => d.getUint8(at)],
  '|b1': [1, (d, at) => d.getUint8(at)],
  '<u2': [2, (d, at) => d.getUint16(at, true)],
  '<u4': [4, (d, at) => d.getUint32(at, true)],
};

/** Parse a .npy file (format 1.0–3.0, C order) of shape [T, ...] with `size` values per step. */
export function framesFromNpy(bytes: Uint8Array, size: number): InputFrames {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b)) {
    throw new IrError('E_INPUT_NPY', 'not a .npy file (no \\x93NUMPY magic)', '');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6]!;
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = (major === 1 ? 10 : 12) + headerLen;
  const header = new TextDecoder().decode(bytes.subarray(major === 1 ? 10 : 12, start));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1] ?? '';
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  const reader = NPY_READERS[descr];
  if (!reader || shapeText === undefined || /'fortran_order':\s*True/.test(header)) {
    throw new IrError('E_INPUT_NPY', `unsupported .npy header ${header.trim()}`, '',
      `save a C-order array of one of ${Object.keys(NPY_READERS).join(', ')}`);
  }
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const steps = shape[0] ?? 1;
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0) || count !== steps * size ||
    start + count * reader[0] > bytes.length) {
    throw new IrError('E_INPUT_SHAPE', `array of shape (${shape}) is not [steps, ${size}] or the ` +
      'file is truncated', '', `save an array of shape [T, ...Input shape] (${size} per step)`);
  }
  const values = new Float64Array(count);
  for (let k = 0; k < count; k++) values[k] = reader[1](view, start + k * reader[0]);
  return { steps, values };
}

/** The fixtures' trace layout: per step the inputs, the traced state, the traced output. */
export function traceCsv(steps: number, columns: Float64Array[], widths: number[]): string {
  const lines: string[] = [];
  for (let t = 0; t < steps; t++) {
    const cells: string[] = [];
    columns.forEach((c, k) => {
      for (let j = 0; j < widths[k]!; j++) cells.push(String(c[t * widths[k]! + j]));
    });
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}
