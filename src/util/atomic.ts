// Outputs are written atomically: a reader never sees half a file or half an artefact folder.
import { chmod, mkdir, rename, rm, writeFile, mkdtemp, stat } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { trackInFlight, untrackInFlight } from './in-flight.js';
import { OUT_MARKER, checkOutDir, isDynalignFolder, markerText } from './out-dir.js';

/** Write a file through a temporary sibling and rename it into place. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  trackInFlight(tmp);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  } finally {
    untrackInFlight(tmp);
  }
}

/** The mode a plain mkdir gives under the current umask (mkdtemp always gives 0700). */
function plainDirMode(): number {
  return 0o777 & ~process.umask();
}

/**
 * Build a whole output folder in a temporary sibling, make sure it is recognisable as dynalign's
 * (its stamped manifest.json, else a marker file), then swap it in. `dir` must be new, empty,
 * or written by dynalign before (see checkOutDir).
 * If `build` throws or a signal stops the process, the temporary folder is removed and `dir`
 * is left as it was.
 */
export async function writeDirAtomic(
  dir: string,
  build: (tmpDir: string) => Promise<void>,
): Promise<void> {
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const tmp = await mkdtemp(join(parent, `.${basename(dir)}.tmp-`));
  trackInFlight(tmp);
  try {
    await chmod(tmp, plainDirMode());
    await build(tmp);
    if (!(await isDynalignFolder(tmp))) await writeFile(join(tmp, OUT_MARKER), markerText());

    // Checked after the build so a build error is reported first; commands check earlier too.
    await checkOutDir(dir);
    await swapIn(tmp, dir);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  } finally {
    untrackInFlight(tmp);
  }
}

/** Rename the built folder over `dir`, keeping the old one until the new one is in place. */
async function swapIn(tmp: string, dir: string): Promise<void> {
  const old = `${dir}.old-${process.pid}-${Date.now()}`;
  const existed = await stat(dir).then(
    () => true,
    () => false,
  );
  if (existed) await rename(dir, old);
  await rename(tmp, dir);
  if (existed) await rm(old, { recursive: true, force: true });
}
