import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { FIRMWARE_DIR } from '../../src/bridge/firmware.js';

test('the board build (memory-mapped, no heap, freestanding) compiles warning-free', async () => {
  const r = await execa('make', ['-s', '-C', FIRMWARE_DIR, 'board-check'], {
    reject: false,
    all: true,
  });
  assert.equal(r.exitCode, 0, r.all);
  assert.match(r.stdout, /board-check: 10 files compile for the board/);
  const nm = await execa(
    'nm',
    [
      '-u',
      ...['core-mmio.o', 'core-regs.o', 'device.o', 'handlers.o'].map(
        (f) => `${FIRMWARE_DIR}build/board/${f}`,
      ),
    ],
    { reject: false },
  );
  assert.doesNotMatch(
    nm.stdout,
    /\b(malloc|calloc|realloc|free)\b/,
    'the firmware must not use a heap',
  );
});
