import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeFeatures, integrate, rk4StepCount } from '../../src/encoding/encoder.js';
import type { DynamicalSystem } from '../../src/encoding/system.js';
import { mixedOscillator } from '../../src/encoding/systems/mixed-oscillator.js';

// Damped linear oscillator x'' + 2ζx' + x = 0 written as a 3-D system with z idle.
const damped: DynamicalSystem = {
  name: 'damped',
  defaults: { zeta: 0.1 },
  derivative(x, y, _z, _t, p, out) {
    out[0] = y;
    out[1] = -x - 2 * p.zeta! * y;
    out[2] = 0;
  },
  jacobian() {},
};

function closedForm(t: number, zeta: number): number {
  const w = Math.sqrt(1 - zeta * zeta);
  return Math.exp(-zeta * t) * (Math.cos(w * t) + (zeta / w) * Math.sin(w * t));
}

function errorAt(h: number): number {
  const n = rk4StepCount(h, 4);
  const traj = new Float64Array(3 * (n + 1));
  integrate(damped, { zeta: 0.1 }, 1, 0, 0, h, n, traj);
  return Math.abs(traj[3 * n]! - closedForm(4, 0.1));
}

test('RK4 error against the closed-form damped oscillator falls about 16-fold when h halves', () => {
  const ratio = errorAt(0.1) / errorAt(0.05);
  assert.ok(ratio > 14 && ratio < 18, `ratio ${ratio}`);
});

test('encoding is feature-major with (f, 0.2f, -f) at the first step after max-abs scaling', () => {
  const spec = { system: 'mixed-oscillator', params: { delta: 2 }, h: 0.01, tmax: 8, numSteps: 5, nFeatures: 2, sigmaLambda: -4 };
  const enc = encodeFeatures(mixedOscillator, spec, Float32Array.from([2, -4]), 1);
  assert.equal(enc.channels, 6);
  assert.deepEqual(Array.from(enc.data.subarray(0, 6)), [0.5, Math.fround(0.1), -0.5, -1, Math.fround(-0.2), 1]);
});
