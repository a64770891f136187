// Read and write model files by extension (.nirpb protobuf; .json and .nir via their codecs).
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { decodeModel, encodeModel } from '../ir/proto.js';
import type { IrModel } from '../ir/model.js';
import { DynalignError } from '../util/errors.js';
import { writeFileAtomic } from '../util/atomic.js';

export const MODEL_EXTENSIONS = ['.nirpb'] as const;

/** Load a model; a missing, unknown or corrupt file is a DynalignError naming the file. */
export async function loadModel(path: string): Promise<IrModel> {
  const ext = extname(path).toLowerCase();
  if (!(MODEL_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new DynalignError('E_MODEL_FORMAT', 'unknown model file extension', {
      file: path,
      value: ext,
      fix: `use one of ${MODEL_EXTENSIONS.join(', ')}`,
    });
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new DynalignError('E_MODEL_MISSING', 'cannot read model file', {
      file: path,
      fix: 'check the path, or run `dynalign train` to create a model',
      cause,
    });
  }
  try {
    return decodeModel(bytes);
  } catch (cause) {
    throw new DynalignError('E_MODEL_CORRUPT', `not a valid dynalign IR file: ${String((cause as Error).message)}`, {
      file: path,
      fix: 'regenerate it with `dynalign train` or convert it with `dynalign ir convert`',
      cause,
    });
  }
}

/** Save a model atomically in the format its extension names. */
export async function saveModel(path: string, model: IrModel): Promise<void> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.nirpb') {
    throw new DynalignError('E_MODEL_FORMAT', 'unknown model file extension', {
      file: path,
      value: ext,
      fix: 'use .nirpb',
    });
  }
  await writeFileAtomic(path, encodeModel(model));
}
