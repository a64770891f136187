// Outputs are written atomically: a reader never sees half a file or half an artefact folder.
import { mkdir, rename, rm, writeFile, mkdtemp, stat } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

/** Write a file through a temporary sibling and rename it into place. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Build a whole output folder in a temporary sibling, then swap it in.
 * If `build` throws, the temporary folder is removed and `dir` is left as it was.
 */
export async function writeDirAtomic(
  dir: string,
  build: (tmpDir: string) => Promise<void>,
): Promise<void> {
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const tmp = await mkdtemp(join(parent, `.${basename(dir)}.tmp-`));
  try {
    await build(tmp);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  const old = `${dir}.old-${process.pid}-${Date.now()}`;
  const existed = await stat(dir).then(
    () => true,
    () => false,
  );
  if (existed) await rename(dir, old);
  await rename(tmp, dir);
  if (existed) await rm(old, { recursive: true, force: true });
}
