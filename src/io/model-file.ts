// Read and write model files by extension: .nirpb (protobuf), .nir (NIR HDF5), .json.
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { decodeModel, encodeModel } from '../ir/proto.js';
import type { IrModel } from '../ir/model.js';
import { IrError } from '../ir/errors.js';
import { validateModel } from '../ir/infer.js';
import { modelFromJson, modelToJson } from '../ir/json.js';
import { readNir, writeNir } from '../ir/nir/file.js';
import { DynalignError } from '../util/errors.js';
import { writeFileAtomic } from '../util/atomic.js';

/** Extensions a model file may have; the format follows from it. */
export const MODEL_EXTENSIONS = ['.nirpb', '.nir', '.json'] as const;

/** Largest model file read (1 GiB); the .nir reader also caps what one file may allocate. */
export const MAX_MODEL_FILE_BYTES = 2 ** 30;

/** A loaded model and what the reader had to decide (defaults used, scalars broadcast). */
export interface LoadedModel {
  model: IrModel;
  notes: string[];
  format: 'nirpb' | 'nir' | 'json';
}

/** Load a model; a missing, unknown or corrupt file is a DynalignError naming the file. */
export async function loadModel(path: string): Promise<IrModel> {
  return (await loadModelWithNotes(path)).model;
}

/**
 * Load a model and run the checks `dynalign ir validate` runs: the first error is thrown as an
 * exit-2 DynalignError naming the node field and value; warnings go to `onWarning`.
 */
export async function loadValidModel(
  path: string,
  onWarning: (line: string) => void = () => {},
): Promise<IrModel> {
  const model = await loadModel(path);
  const problems = validateModel(model).problems;
  const errors = problems.filter((p) => p.severity === 'error');
  for (const w of problems.filter((p) => p.severity === 'warning'))
    onWarning(`${path}: warning ${w.code} ${w.path || '/'}: ${w.message}`);
  if (errors.length === 0) return model;
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error(s))` : '';
  throw new DynalignError(first.code, `invalid model: ${oneLine(first.message)}${more}`, {
    file: path,
    field: first.path || '/',
    fix: `\`dynalign ir validate ${path}\` lists every problem`,
  });
}

/** Load a model with the reader's notes (shown by `dynalign ir inspect`). */
export async function loadModelWithNotes(path: string): Promise<LoadedModel> {
  return decodeModelBytes(await readBytes(path), path);
}

/** Decode a model file's bytes (format by the extension of `path`); bad bytes exit 2. */
export async function decodeModelBytes(bytes: Uint8Array, path: string): Promise<LoadedModel> {
  const format = formatOf(path);
  try {
    if (format === 'nirpb') return { model: decodeModel(bytes), notes: [], format };
    if (format === 'json') {
      return { model: modelFromJson(new TextDecoder().decode(bytes)), notes: [], format };
    }
    const read = await readNir(bytes);
    read.model.provenance ??= {
      tool: 'nir',
      toolVersion: read.model.nirVersion,
      sourceFile: basename(path),
      sourceHash: createHash('sha256').update(bytes).digest('hex'),
    };
    return { ...read, format };
  } catch (cause) {
    throw asDynalignError(cause, path, format);
  }
}

/** Save a model atomically in the format its extension names. */
export async function saveModel(path: string, model: IrModel): Promise<void> {
  const format = formatOf(path);
  let bytes: Uint8Array | string;
  try {
    if (format === 'nirpb') bytes = encodeModel(model);
    else if (format === 'json') bytes = modelToJson(model);
    else bytes = await writeNir(model);
  } catch (cause) {
    throw asDynalignError(cause, path, format);
  }
  await writeFileAtomic(path, bytes);
}

/** The format an extension names; anything else is a usage error. */
export function formatOf(path: string): LoadedModel['format'] {
  const ext = extname(path).toLowerCase();
  if ((MODEL_EXTENSIONS as readonly string[]).includes(ext)) return ext.slice(1) as 'nir';
  throw new DynalignError('E_MODEL_FORMAT', 'unknown model file extension', {
    file: path,
    value: ext,
    fix: `use one of ${MODEL_EXTENSIONS.join(', ')}`,
  });
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    const size = (await stat(path)).size;
    if (size > MAX_MODEL_FILE_BYTES) {
      throw new DynalignError('E_MODEL_TOO_LARGE', `model file of ${size} bytes is over the ` +
        `${MAX_MODEL_FILE_BYTES}-byte limit`, { file: path, fix: 'check the file' });
    }
    return await readFile(path);
  } catch (cause) {
    if (cause instanceof DynalignError) throw cause;
    throw new DynalignError('E_MODEL_MISSING', 'cannot read model file', {
      file: path,
      fix: 'check the path, or run `dynalign train` to create a model',
      cause,
    });
  }
}

/** An IR library error (or any failure) as the CLI's one-line, exit-2 error naming the file. */
export function asDynalignError(cause: unknown, path: string, format: string): DynalignError {
  if (cause instanceof DynalignError) return cause;
  if (cause instanceof IrError) {
    return new DynalignError(cause.code, oneLine(cause.message), {
      file: path,
      field: cause.path ? oneLine(cause.path) : undefined,
      fix: cause.fix || `check the ${format} file`,
      cause,
    });
  }
  const message = oneLine(cause instanceof Error ? cause.message : String(cause));
  return new DynalignError('E_MODEL_CORRUPT', `not a valid ${format} model: ${message}`, {
    file: path,
    fix: 'regenerate it, or convert it with `dynalign ir convert`',
    cause,
  });
}

/** Control characters (a newline in a JSON parser's excerpt, a name) shown escaped. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}
