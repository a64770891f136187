import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bitsNeeded, fitWidth, roundBy, shiftRound } from '../../src/quantize/arith.js';

test('each rounding mode breaks ties its own way', () => {
  assert.deepEqual(
    [2.5, -2.5, 3.5].map((x) => roundBy(x, 'nearest-even')),
    [2, -2, 4],
  );
  assert.deepEqual(
    [2.5, -2.5].map((x) => roundBy(x, 'nearest-away')),
    [3, -3],
  );
  assert.deepEqual(
    [2.7, -2.7].map((x) => roundBy(x, 'toward-zero')),
    [2, -2],
  );
  assert.deepEqual(
    [2.7, -2.2].map((x) => roundBy(x, 'floor')),
    [2, -3],
  );
});

test('a floor shift is an arithmetic right shift and a toward-zero shift is symmetric', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
      fc.integer({ min: 1, max: 30 }),
      (x, k) => {
        assert.equal(shiftRound(x, k, 'floor'), x >> k);
        assert.equal(shiftRound(x, k, 'toward-zero'), 0 - shiftRound(-x, k, 'toward-zero'));
      },
    ),
  );
  assert.equal(shiftRound(-3, -2, 'floor'), -12);
});

test('a register keeps its range: saturation clamps, wrapping keeps x mod 2^bits', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
      fc.integer({ min: 2, max: 32 }),
      (x, bits) => {
        const half = 2 ** (bits - 1);
        for (const ov of ['saturate', 'wrap'] as const) {
          const y = fitWidth(x, bits, ov);
          assert.ok(y >= -half && y < half);
          if (x >= -half && x < half) assert.equal(y, x);
        }
        assert.equal((((fitWidth(x, bits, 'wrap') - x) % (2 * half)) + 2 * half) % (2 * half), 0);
      },
    ),
  );
  assert.equal(bitsNeeded(127), 8);
  assert.equal(bitsNeeded(-128), 8);
  assert.equal(bitsNeeded(128), 9);
});
