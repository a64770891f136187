import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { execa } from 'execa';
import { encodeFrame } from '../../src/bridge/frame.js';
import { encodePayload, MSG, PROTOCOL_VERSION } from '../../src/bridge/gen/messages.js';
import { FIRMWARE_DIR } from '../../src/bridge/firmware.js';
import { arbMessage } from './helpers.js';

// One record per input: u32 little-endian length, then the bytes (fuzz-replay.c's stdin format).
function records(inputs: Uint8Array[]): Buffer {
  return Buffer.concat(
    inputs.flatMap((b) => {
      const len = Buffer.alloc(4);
      len.writeUInt32LE(b.length);
      return [len, Buffer.from(b)];
    }),
  );
}

/** Valid frames of random messages, then a few bytes overwritten, prefixed for the raw path. */
const arbMutatedStream = fc
  .tuple(
    fc.array(fc.tuple(arbMessage(), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 4,
    }),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
  )
  .map(([msgs, edits]) => {
    const wire = Buffer.concat(
      msgs.map(([m, seq]) =>
        encodeFrame({
          version: PROTOCOL_VERSION,
          type: MSG[m.kind],
          seq,
          payload: encodePayload(m),
        }),
      ),
    );
    for (const [pos, v] of edits) wire[pos % wire.length] = v;
    return new Uint8Array(Buffer.concat([Buffer.from([0]), wire]));
  });

test('random and mutated byte streams never crash the C device under ASan and UBSan', async () => {
  await execa('make', ['-s', '-C', FIRMWARE_DIR, 'replay']);
  const inputs = [
    ...fc.sample(fc.uint8Array({ maxLength: 5000 }), { numRuns: 300, seed: 1 }),
    ...fc.sample(arbMutatedStream, { numRuns: 300, seed: 2 }),
  ];
  const r = await execa(FIRMWARE_DIR + 'build/fuzz-replay', [], {
    input: records(inputs),
    reject: false,
  });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /^replayed 600 inputs$/);
});
