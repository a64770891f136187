// Memory images and the config blob follow README §4–§5 byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildImages, configBlob, crc32, toHex } from '../../../targets/fpga/src/images.js';
import { makeProgram } from './helpers.js';

const prog = makeProgram(
  [
    {
      nIn: 2,
      nOut: 3,
      w: [1, -1, 2, -2, 3, -3],
      bias: [-1, 0, 5],
      theta: 100,
      leak: 243,
      shift: -3,
    },
    { nIn: 3, nOut: 1, w: [7, 8, 9], theta: 9, leak: 200, vReset: -4 },
  ],
  { lanes: 2, weightBits: 8 },
);

test('WMEM rows hold L weights per word, lane p of word k for neuron kL + p', () => {
  const img = buildImages(prog);
  // Layer 0, R = 2: row i = 0 → neurons (0, 1), (2, pad); row i = 1 → (0, 1), (2, pad).
  // weight[j][i]: w00 = 1, w10 = 2, w20 = 3; w01 = −1, w11 = −2, w21 = −3.
  assert.deepEqual(Array.from(img.wmem.subarray(0, 4)), [0x0201, 0x0003, 0xfeff, 0x00fd]);
  // Layer 1 starts at wBase = 4, R = 1: rows 7, 8, 9 in lane 0.
  assert.deepEqual(Array.from(img.wmem.subarray(4)), [7, 8, 9]);
  assert.deepEqual(Array.from(img.bmem), [0xffff, 0, 5, 0]);
});

test('params words are CONFIG, NLAYERS, then 8 layer-table words per layer', () => {
  const p = buildImages(prog).params;
  assert.deepEqual(Array.from(p.subarray(0, 10)), [
    0,
    2,
    2 + 3 * 65536,
    2,
    0,
    0,
    100,
    0,
    243,
    0xfffffffd,
  ]);
  assert.deepEqual(Array.from(p.subarray(10)), [3 + 65536, 1, 4, 3, 9, 0xfffffffc, 200, 0]);
  assert.equal(toHex(Uint32Array.from([0xab]), 16, 3), '00ab\n0000\n0000\n');
});

test('CRC-32 is the IEEE 802.3 one and the blob carries header, words and its CRC', () => {
  assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
  const img = buildImages(prog);
  const blob = configBlob(prog, img);
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  assert.equal(new TextDecoder().decode(blob.subarray(0, 4)), 'DLCB');
  assert.deepEqual([dv.getUint16(4, true), blob[6], blob[7], blob[8], blob[9]], [1, 8, 16, 2, 0]);
  assert.deepEqual(
    [dv.getUint16(10, true), dv.getUint32(12, true), dv.getUint32(16, true)],
    [18, 7, 4],
  );
  assert.equal(blob.length, 20 + 4 * (18 + 7 + 4) + 4);
  // BMEM words are sign-extended to 32 bits in the blob.
  assert.equal(dv.getInt32(20 + 4 * (18 + 7), true), -1);
  assert.equal(dv.getUint32(blob.length - 4, true), crc32(blob.subarray(0, blob.length - 4)));
});
