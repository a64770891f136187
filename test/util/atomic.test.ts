// writeDirAtomic replaces only folders dynalign wrote, never a file or a user's folder, and
// gives the new folder the mode a plain mkdir would (not mkdtemp's 0700).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDirAtomic } from '../../src/util/atomic.ts';
import { OUT_MARKER, allowForeignOut } from '../../src/util/out-dir.ts';
import { DynalignError } from '../../src/util/errors.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'dl-atomic-'));
const writeA = (dir: string) => writeFileSync(join(dir, 'a.txt'), 'artefact');

/** Await a rejection and return it as a DynalignError. */
async function refusal(p: Promise<unknown>): Promise<DynalignError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof DynalignError, `expected a DynalignError, got ${String(err)}`);
  return err;
}

test('a new folder gets the artefacts and the marker, and a second write replaces it', async () => {
  const out = join(scratch(), 'out');
  await writeDirAtomic(out, async (d) => writeA(d));
  assert.deepEqual(readdirSync(out).sort(), [OUT_MARKER, 'a.txt']);
  assert.match(readFileSync(join(out, OUT_MARKER), 'utf8'), /"tool":"dynalign"/);

  await writeDirAtomic(out, async (d) => writeFileSync(join(d, 'b.txt'), 'new'));
  assert.deepEqual(readdirSync(out).sort(), [OUT_MARKER, 'b.txt']);
});

test('a folder whose manifest.json dynalign stamped needs no marker and is replaced', async () => {
  const out = join(scratch(), 'out');
  const manifest = JSON.stringify({ generatedBy: { tool: 'dynalign', version: '0' } });
  await writeDirAtomic(out, async (d) => writeFileSync(join(d, 'manifest.json'), manifest));
  assert.deepEqual(readdirSync(out), ['manifest.json']);

  await writeDirAtomic(out, async (d) => writeA(d));
  assert.deepEqual(readdirSync(out).sort(), [OUT_MARKER, 'a.txt']);
});

test('an existing file is refused and stays a file', async () => {
  const file = join(scratch(), 'keep.txt');
  writeFileSync(file, 'data');
  const err = await refusal(writeDirAtomic(file, async (d) => writeA(d)));
  assert.equal(err.code, 'E_OUT_NOT_FOLDER');
  assert.equal(err.exitCode, 2);
  assert.equal(readFileSync(file, 'utf8'), 'data');
  assert.deepEqual(readdirSync(join(file, '..')), ['keep.txt']);
});

test("a user's non-empty folder is refused with the fix, and keeps every file", async () => {
  const out = join(scratch(), 'userdir');
  mkdirSync(join(out, 'sub'), { recursive: true });
  writeFileSync(join(out, 'notes.txt'), 'mine');
  const err = await refusal(writeDirAtomic(out, async (d) => writeA(d)));
  assert.equal(err.code, 'E_OUT_FOREIGN');
  assert.match(err.format(), /^dynalign: E_OUT_FOREIGN: .*userdir: --out: .*fix: .*--force/);
  assert.deepEqual(readdirSync(out).sort(), ['notes.txt', 'sub']);
  assert.deepEqual(readdirSync(join(out, '..')), ['userdir'], 'no temporary folder left');
});

test('a foreign folder with a manifest from another tool is refused too', async () => {
  const out = join(scratch(), 'out');
  mkdirSync(out);
  writeFileSync(join(out, 'manifest.json'), '{"generatedBy":{"tool":"other"}}');
  assert.equal((await refusal(writeDirAtomic(out, async (d) => writeA(d)))).code, 'E_OUT_FOREIGN');
});

test('--force (allowForeignOut) replaces a foreign folder', async () => {
  const out = join(scratch(), 'userdir');
  mkdirSync(out);
  writeFileSync(join(out, 'notes.txt'), 'mine');
  allowForeignOut(out);
  await writeDirAtomic(out, async (d) => writeA(d));
  assert.deepEqual(readdirSync(out).sort(), [OUT_MARKER, 'a.txt']);
});

test('the folder gets 0777 & ~umask like mkdir, not 0700', async () => {
  const old = process.umask(0o022);
  try {
    const out = join(scratch(), 'out');
    await writeDirAtomic(out, async (d) => writeA(d));
    assert.equal(statSync(out).mode & 0o777, 0o755);

    process.umask(0o002);
    const shared = join(scratch(), 'shared');
    await writeDirAtomic(shared, async (d) => writeA(d));
    assert.equal(statSync(shared).mode & 0o777, 0o775);
  } finally {
    process.umask(old);
  }
});
