// Output folders dynalign may replace: empty, new, or stamped by an earlier dynalign write.
import { readFile, readdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DynalignError } from './errors.js';
import { checkParentWritable } from './out-path.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';

/** Marker file written into an artefact folder that has no dynalign-stamped manifest.json. */
export const OUT_MARKER = '.dynalign-out';

const forced = new Set<string>();

/** Let the next writes to `dir` replace it even when dynalign did not write it (`--force`). */
export function allowForeignOut(dir: string): void {
  forced.add(resolve(dir));
}

/** The marker's text: which tool wrote the folder, and a do-not-edit line. */
export function markerText(): string {
  const stampLine = JSON.stringify({ tool: TOOL_NAME, version: TOOL_VERSION });
  const note = `# written by ${TOOL_NAME}; the whole folder is replaced on the next write`;
  return `${stampLine}\n${note}\n`;
}

/**
 * Refuse an output folder that is a file, or a non-empty folder dynalign did not write.
 * Call before expensive work; writeDirAtomic calls it again before the swap.
 */
export async function checkOutDir(dir: string, option = '--out'): Promise<void> {
  const st = await stat(dir).catch(() => undefined);
  if (st === undefined) return checkParentWritable(dir, option);

  // A file (or anything not a folder) is never turned into a folder.
  if (!st.isDirectory()) {
    throw new DynalignError('E_OUT_NOT_FOLDER', 'output path exists and is not a folder', {
      file: dir,
      field: option,
      fix: 'choose a new or empty folder for the artefacts',
    });
  }

  // A folder is replaced only when empty, stamped by dynalign, or forced.
  const entries = await readdir(dir);
  if (entries.length === 0 || forced.has(resolve(dir))) return;
  if (await isDynalignFolder(dir)) return;
  const message = 'output folder is not empty and was not written by dynalign';
  throw new DynalignError('E_OUT_FOREIGN', message, {
    file: dir,
    field: option,
    value: entries.slice(0, 5),
    fix: `choose an empty or new folder, or pass --force to replace ${dir} and all it holds`,
  });
}

/** A folder holds a manifest.json stamped by dynalign, or the marker file. */
export async function isDynalignFolder(dir: string): Promise<boolean> {
  const entries = await readdir(dir);
  if (entries.includes(OUT_MARKER)) return true;
  if (!entries.includes('manifest.json')) return false;
  try {
    const m = JSON.parse(await readFile(resolve(dir, 'manifest.json'), 'utf8')) as {
      generatedBy?: { tool?: unknown };
    };
    return m.generatedBy?.tool === TOOL_NAME;
  } catch {
    return false;
  }
}
