// compile --out never destroys what the user owns: a file or a foreign folder is refused with
// exit 2 before the model is even read, and --force is the explicit way to replace a folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DISSIPATIVE, runCli } from './safety-run.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'dl-safety-'));

test('compile --out into a folder holding user files exits 2 and keeps them', async () => {
  const dir = scratch();
  const user = join(dir, 'userdir');
  mkdirSync(join(user, 'sub'), { recursive: true });
  writeFileSync(join(user, 'notes.txt'), 'mine');
  const r = await runCli(['compile', DISSIPATIVE, '--target', 'fpga', '--out', user]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^dynalign: E_OUT_FOREIGN: .*userdir: --out: .*fix: .*--force/m);
  assert.deepEqual(readdirSync(user).sort(), ['notes.txt', 'sub']);
  assert.deepEqual(readdirSync(dir), ['userdir']);
});

test('compile --out . in a folder with the input model exits 2 and deletes nothing', async () => {
  const dir = scratch();
  copyFileSync(DISSIPATIVE, join(dir, 'model.nirpb'));
  writeFileSync(join(dir, 'notes.txt'), 'mine');
  const r = await runCli(['compile', 'model.nirpb', '--target', 'loihi', '--out', '.'], dir);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /E_OUT_FOREIGN/);
  assert.deepEqual(readdirSync(dir).sort(), ['model.nirpb', 'notes.txt']);
});

test('compile --out naming an existing file exits 2 naming it, and the file stays', async () => {
  const dir = scratch();
  const keep = join(dir, 'keep.txt');
  writeFileSync(keep, 'data');
  const r = await runCli(['compile', DISSIPATIVE, '--target', 'spinnaker', '--out', keep]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^dynalign: E_OUT_NOT_FOLDER: .*keep\.txt: --out: /m);
  assert.equal(readFileSync(keep, 'utf8'), 'data');
});
