// Input files for `dynalign emulate --input FILE`: an encoded dataset (.dynenc, its `test` set
// or the set named after a colon), a float .npy of [n][steps][channels] or [steps][channels],
// JSON ({ "data": [[[...]]], "labels": [...] } or the bare nested array), or a CSV with one
// row per step and one column per channel (one input).
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { EncoderSpec } from '../ir/model.js';
import type { EncodedSet } from '../encoding/encoder.js';
import { readEncodedDataset } from '../encoding/dataset-file.js';
import { DynalignError } from '../util/errors.js';

/** File kinds `--input` reads. */
export const INPUT_EXTENSIONS = ['.dynenc', '.npy', '.json', '.csv'] as const;

/** A read input set, with the encoder that made it when the file says so. */
export interface InputFile {
  set: EncodedSet;
  encoder?: EncoderSpec;
}

function bad(file: string, message: string, value?: unknown, fix?: string): DynalignError {
  return new DynalignError('E_INPUT', message, {
    file,
    value,
    fix: fix ?? `give ${INPUT_EXTENSIONS.join(', ')} as described in docs/emulator.md`,
  });
}

/** Read an input file by extension; `path:name` picks a set of a .dynenc file. */
export async function readInputFile(spec: string): Promise<InputFile> {
  const m = /^(.*\.dynenc):([\w-]+)$/.exec(spec);
  const path = m ? m[1]! : spec;
  const ext = extname(path).toLowerCase();
  if (ext === '.dynenc') {
    const { header, sets } = await readEncodedDataset(path);
    const name = m?.[2] ?? ('test' in sets ? 'test' : Object.keys(sets)[0]!);
    const set = sets[name];
    if (!set)
      throw bad(
        path,
        'no set by that name in the file',
        name,
        `sets: ${Object.keys(sets).join(', ')}`,
      );
    return { set, encoder: header.encoder };
  }
  const bytes = await readFile(path).catch(() => {
    throw bad(path, 'cannot read input file', undefined, 'check the path');
  });
  if (ext === '.npy') return { set: fromNpy(path, new Uint8Array(bytes)) };
  if (ext === '.json') return { set: fromJson(path, bytes.toString('utf8')) };
  if (ext === '.csv') return { set: fromCsv(path, bytes.toString('utf8')) };
  throw bad(path, 'unknown input file extension', ext);
}

function fromNpy(file: string, b: Uint8Array): EncodedSet {
  if (b.length < 10 || b[0] !== 0x93 || String.fromCharCode(...b.subarray(1, 6)) !== 'NUMPY') {
    throw bad(file, 'not an .npy file (no \\x93NUMPY magic)');
  }
  const major = b[6]!;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const hLen = major >= 2 ? view.getUint32(8, true) : view.getUint16(8, true);
  const start = (major >= 2 ? 12 : 10) + hLen;
  const header = new TextDecoder().decode(b.subarray(major >= 2 ? 12 : 10, start));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  if (/'fortran_order':\s*True/.test(header))
    throw bad(file, 'Fortran-order arrays are not supported');
  const shape = (/'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '')
    .split(',')
    .filter((s) => s.trim())
    .map(Number);
  const body = b.slice(start);
  let data: Float32Array;
  if (descr === '<f4') data = new Float32Array(body.buffer, 0, body.byteLength / 4);
  else if (descr === '<f8')
    data = Float32Array.from(new Float64Array(body.buffer, 0, body.byteLength / 8));
  else throw bad(file, 'unsupported .npy dtype', descr, 'save float32 or float64');
  return shaped(file, data, shape);
}

function shaped(file: string, data: Float32Array, shape: number[]): EncodedSet {
  if (shape.length === 2) return { n: 1, steps: shape[0]!, channels: shape[1]!, data };
  if (shape.length === 3) return { n: shape[0]!, steps: shape[1]!, channels: shape[2]!, data };
  throw bad(file, 'input must be [n][steps][channels] or [steps][channels]', shape);
}

function fromJson(file: string, text: string): EncodedSet {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw bad(file, 'not valid JSON');
  }
  const obj = Array.isArray(doc) ? { data: doc } : (doc as { data?: unknown; labels?: unknown });
  const arr = obj.data;
  if (!Array.isArray(arr)) throw bad(file, 'expected a "data" array');
  const three = Array.isArray(arr[0]) && Array.isArray((arr[0] as unknown[])[0]);
  const rows = (three ? arr : [arr]) as number[][][];
  const steps = rows[0]?.length ?? 0;
  const channels = rows[0]?.[0]?.length ?? 0;
  const flat = rows.flat(2);
  if (flat.length !== rows.length * steps * channels || flat.some((v) => typeof v !== 'number')) {
    throw bad(file, 'data must be a rectangular array of numbers', [rows.length, steps, channels]);
  }
  const set: EncodedSet = { n: rows.length, steps, channels, data: Float32Array.from(flat) };
  if (Array.isArray(obj.labels)) set.labels = Uint8Array.from(obj.labels as number[]);
  return set;
}

function fromCsv(file: string, text: string): EncodedSet {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const rows = lines.map((l) => l.split(',').map((c) => Number(c.trim())));
  const body = rows[0]?.some((v) => Number.isNaN(v)) ? rows.slice(1) : rows;
  const channels = body[0]?.length ?? 0;
  if (
    body.length === 0 ||
    body.some((r) => r.length !== channels || r.some((v) => !Number.isFinite(v)))
  ) {
    throw bad(file, 'CSV must have one numeric row per step, all of the same width');
  }
  return { n: 1, steps: body.length, channels, data: Float32Array.from(body.flat()) };
}
