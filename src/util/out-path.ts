// Output paths checked before the expensive work: a run that cannot write its result fails
// first, naming the path, instead of after minutes of emulation or synthesis.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { DynalignError } from './errors.js';

/** The nearest ancestor of `path` that must be a writable folder: refuse a file or read-only. */
export async function checkParentWritable(path: string, option: string): Promise<void> {
  let dir = dirname(resolve(path));
  let st = await stat(dir).catch(() => undefined);
  while (st === undefined && dirname(dir) !== dir) {
    dir = dirname(dir);
    st = await stat(dir).catch(() => undefined);
  }

  // mkdir -p cannot go through a file, and nothing can be created in a read-only folder.
  if (st !== undefined && !st.isDirectory()) {
    throw new DynalignError('E_OUT_PARENT', 'a parent of the output path is a file', {
      file: dir,
      field: option,
      value: path,
      fix: 'choose an output path whose parent folders are folders',
    });
  }
  const writable = await access(dir, constants.W_OK).then(
    () => true,
    () => false,
  );
  if (!writable) {
    throw new DynalignError('E_OUT_PARENT', 'the output folder is not writable', {
      file: dir,
      field: option,
      value: path,
      fix: 'choose a folder you can write to',
    });
  }
}

/** An output file: right extension, not an existing folder, parent writable. */
export async function checkOutFile(
  path: string,
  option: string,
  extensions?: readonly string[],
): Promise<void> {
  const ext = extname(path).toLowerCase();
  if (extensions && !extensions.includes(ext)) {
    throw new DynalignError('E_OUT_FORMAT', 'unsupported output file extension', {
      file: path,
      field: option,
      value: ext,
      fix: `name the file with ${extensions.join(' or ')}`,
    });
  }

  const st = await stat(path).catch(() => undefined);
  if (st?.isDirectory() === true) {
    throw new DynalignError('E_OUT_IS_FOLDER', 'the output file is an existing folder', {
      file: path,
      field: option,
      fix: 'name a file, not a folder',
    });
  }
  await checkParentWritable(path, option);
}

/** An output folder that keeps what it holds (demo): must not be a file; parent writable. */
export async function checkOutFolder(path: string, option: string): Promise<void> {
  const st = await stat(path).catch(() => undefined);
  if (st !== undefined && !st.isDirectory()) {
    throw new DynalignError('E_OUT_NOT_FOLDER', 'output path exists and is not a folder', {
      file: path,
      field: option,
      fix: 'choose a new folder or an existing one',
    });
  }
  if (st === undefined) await checkParentWritable(path, option);
}
