import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cobsDecode, cobsEncode } from '../../src/bridge/cobs.js';
import { crc32 } from '../../src/bridge/crc32.js';
import { encodeFrame, FrameDecoder } from '../../src/bridge/frame.js';
import {
  decodePayload,
  encodePayload,
  MSG,
  PROTOCOL_VERSION,
} from '../../src/bridge/gen/messages.js';
import { arbMessage } from './helpers.js';

test('CRC-32 gives the ISO-HDLC check value for "123456789"', () => {
  assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
});

test('COBS output never contains 0x00 and decodes back to the input', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 1200 }), (bytes) => {
      const enc = cobsEncode(bytes);
      assert.equal(enc.includes(0), false);
      assert.deepEqual(cobsDecode(enc), bytes);
    }),
  );
});

test('any message round-trips through payload, COBS framing and CRC', () => {
  fc.assert(
    fc.property(arbMessage(), fc.integer({ min: 0, max: 255 }), (msg, seq) => {
      const wire = encodeFrame({
        version: PROTOCOL_VERSION,
        type: MSG[msg.kind],
        seq,
        payload: encodePayload(msg),
      });
      const frames = new FrameDecoder().push(wire);
      assert.equal(frames.length, 1);
      assert.equal(frames[0]!.seq, seq);
      assert.deepEqual(decodePayload(frames[0]!.type, frames[0]!.payload), { ...msg });
    }),
    { numRuns: 300 },
  );
});

test('frames split at any byte boundaries and mixed with garbage still arrive in order', () => {
  fc.assert(
    fc.property(
      fc.array(arbMessage(), { minLength: 1, maxLength: 5 }),
      fc.uint8Array({ maxLength: 64 }),
      fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 8 }),
      (msgs, garbage, cuts) => {
        const parts = [
          garbage,
          ...msgs.map((m, i) =>
            encodeFrame({ version: 1, type: MSG[m.kind], seq: i, payload: encodePayload(m) }),
          ),
        ];
        const stream = Buffer.concat(parts);
        const dec = new FrameDecoder();
        const got = [];
        for (let at = 0, k = 0; at < stream.length; k++) {
          const n = cuts[k % cuts.length]!;
          got.push(...dec.push(stream.subarray(at, at + n)));
          at += n;
        }
        // Garbage without a 0x00 merges into the first frame's leading delimiter only.
        assert.deepEqual(
          got.map((f) => f.seq),
          msgs.map((_, i) => i),
        );
      },
    ),
    { numRuns: 200 },
  );
});

test('a flipped bit anywhere in a frame is caught and the frame dropped', () => {
  fc.assert(
    fc.property(arbMessage(), fc.nat(), fc.integer({ min: 0, max: 7 }), (msg, pos, bit) => {
      const wire = encodeFrame({
        version: 1,
        type: MSG[msg.kind],
        seq: 3,
        payload: encodePayload(msg),
      });
      const at = 1 + (pos % (wire.length - 2));
      wire[at]! ^= 1 << bit;
      const dec = new FrameDecoder();
      const frames = dec.push(wire);
      const caught = dec.faults.cobs + dec.faults.crc + dec.faults.short;
      assert.ok(frames.length === 0 && caught >= 1, `flip at ${at} went through`);
    }),
    { numRuns: 300 },
  );
});

test('random byte streams never make the host parser throw', () => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 3000 }), { maxLength: 6 }), (chunks) => {
      const dec = new FrameDecoder();
      for (const c of chunks) {
        for (const f of dec.push(c)) {
          try {
            decodePayload(f.type, f.payload);
          } catch (err) {
            assert.ok(err instanceof RangeError);
          }
        }
      }
    }),
    { numRuns: 300 },
  );
});

test('a payload of the wrong length is refused with a RangeError', () => {
  assert.throws(
    () => decodePayload(MSG.HELLO, new Uint8Array(3)),
    /HELLO payload has 3 bytes, expected 4/,
  );
  assert.throws(() => decodePayload(0x42, new Uint8Array(0)), /unknown message type 0x42/);
});
