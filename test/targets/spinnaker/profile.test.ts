// The sPyNNaker numeric profile against docs/spinnaker.md §1.1–§1.8.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decayS1615, encodeS1615, kdivk, mulk } from '../../../targets/spinnaker/profile/s1615.js';
import { expk, expulr } from '../../../targets/spinnaker/profile/exp.js';
import {
  expSynapseConstants,
  lifChipConstants,
} from '../../../targets/spinnaker/profile/lif-constants.js';
import { packWeight, ringBufferShift } from '../../../targets/spinnaker/profile/weights.js';
import { makeNetwork, makePopulation, makeProjection, runFixed } from './helpers.js';

const e = encodeS1615;

test('on-chip constants of §1.8 are reproduced bit for bit', () => {
  const c20 = lifChipConstants({ tauM: e(20), cm: e(1), tauRefrac: e(0), timestep: e(1) });
  assert.equal(c20.r, 655360);
  assert.equal(c20.expTc, 31170);
  assert.equal(c20.tRefract, 0);
  assert.equal(
    lifChipConstants({ tauM: e(10), cm: e(1), tauRefrac: 0, timestep: e(1) }).expTc,
    29650,
  );
  assert.deepEqual(expSynapseConstants(e(5), e(1)), { decay: 3516490311, init: 3892384925 });
  assert.deepEqual(expSynapseConstants(e(1), e(1)), { decay: 1580030169, init: 2714937127 });
});

test('the default tau_refrac of 0.1 ms becomes one whole refractory step at dt = 1 ms', () => {
  assert.equal(
    lifChipConstants({ tauM: e(20), cm: e(1), tauRefrac: e(0.1), timestep: e(1) }).tRefract,
    1,
  );
});

test('the IF_curr_exp trace of §1.8 is reproduced tick by tick', () => {
  // One SpikeSourceArray spike at 0 ms, w = 0.5 nA, delay 1 ms, into one IF_curr_exp neuron.
  const pop = makePopulation(1, 'IF_curr_exp');
  const net = makeNetwork([pop], [makeProjection(-1, 0, 'excitatory', [[0, 0, 0.5, 1]])], 6, 1);
  const r = runFixed(net, { sourceSpikes: [Int32Array.of(0)] });
  assert.equal(r.quantised.fixed.populations[0]!.shifts[0], 0);
  assert.equal(r.quantised.fixed.projections[0]!.w16[0], 16384);
  assert.deepEqual(
    r.vBits.map((v) => v[0]),
    [0, 0, 14482, 25633, 0, 7948],
  );
  assert.deepEqual(
    r.excBits.slice(1, 5).map((v) => v[0]),
    [14848, 12156, 9952, 8148],
  );
  assert.equal(r.totals.spikes[0], 1);
});

test('mulk floors the 64-bit product and wraps to 32 bits', () => {
  assert.equal(mulk(-1, 1), -1); // −2^−30 floors to −1 LSB, not 0
  assert.equal(mulk(3, 16384), 1); // 1.5 LSB floors to 1
  assert.equal(mulk(e(300), e(300)), (e(300) * 300) | 0); // 90000 > 65536 wraps
  assert.equal(
    mulk(0x7fffffff, 0x7fffffff),
    Number(BigInt.asIntN(32, (0x7fffffffn * 0x7fffffffn) >> 15n)),
  );
});

test('decay_s1615 floors toward minus infinity for negative states', () => {
  assert.equal(decayS1615(-1, 2 ** 31), -1);
  assert.equal(decayS1615(12345, 2 ** 31), 6172);
  assert.equal(decayS1615(-12345, 3516490311), Number((-12345n * 3516490311n) >> 32n));
});

test('host encoding rounds half to even and refuses values outside s16.15', () => {
  assert.equal(encodeS1615(0.5 / 32768), 0);
  assert.equal(encodeS1615(1.5 / 32768), 2);
  assert.equal(encodeS1615(-2.5 / 32768), -2);
  assert.throws(() => encodeS1615(70000), RangeError);
});

test('expk and expulr saturate at the documented input limits', () => {
  assert.equal(expk(363409), 0x7fffffff);
  assert.equal(expk(-340696), 0);
  assert.equal(expk(0), 32768);
  assert.equal(expulr(-kdivk(e(1), e(5))), 3516490311);
});

test('the ring-buffer shift preserves the worst case and drops the sign of the weight', () => {
  assert.equal(ringBufferShift(0.5), 0);
  assert.equal(ringBufferShift(1), 1); // 2^0 ≤ 1, so one more bit
  assert.equal(ringBufferShift(1001), 10);
  assert.equal(packWeight(-2, 2), packWeight(2, 2));
  assert.equal(packWeight(0.5, 0), 16384);
});

test('mulk and decay_s1615 equal a 64-bit BigInt reference for any int32 inputs', () => {
  const i32 = fc.integer({ min: -0x80000000, max: 0x7fffffff });
  const u32 = fc.integer({ min: 0, max: 0xffffffff });
  fc.assert(
    fc.property(
      i32,
      i32,
      (a, b) => mulk(a, b) === Number(BigInt.asIntN(32, (BigInt(a) * BigInt(b)) >> 15n)),
    ),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(
      i32,
      u32,
      (x, d) => decayS1615(x, d) === Number(BigInt.asIntN(32, (BigInt(x) * BigInt(d)) >> 32n)),
    ),
    { numRuns: 2000 },
  );
});

test('a packed weight is within half an LSB of the float weight whenever it fits 16 bits', () => {
  fc.assert(
    fc.property(
      fc.double({ min: -1000, max: 1000, noNaN: true }),
      fc.integer({ min: 0, max: 15 }),
      (w, shift) => {
        const lsb = 2 ** (shift - 15);
        fc.pre(Math.abs(w) / lsb < 0xffff);
        return Math.abs(packWeight(w, shift) * lsb - Math.abs(w)) <= lsb / 2;
      },
    ),
    { numRuns: 2000 },
  );
});
