import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  encodeFeatures,
  encodeInto,
  integrate,
  resample,
  rk4StepCount,
} from '../../src/encoding/encoder.js';
import { encodeFeaturesParallel } from '../../src/encoding/parallel.js';
import { makePlan } from '../../src/encoding/plan.js';
import { findSystem, SYSTEMS } from '../../src/encoding/registry.js';
import type { DynamicalSystem } from '../../src/encoding/system.js';
import { mixedOscillator } from '../../src/encoding/systems/mixed-oscillator.js';
import { mulberry32 } from '../../src/util/random.js';

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

const spec = (system: string, params: Record<string, number>, nFeatures: number) => ({
  system,
  params,
  h: 0.01,
  tmax: 8,
  numSteps: 5,
  nFeatures,
  sigmaLambda: Number.NaN,
});

test('RK4 error against a closed-form damped oscillator falls ~16-fold when h halves', () => {
  const ratio = errorAt(0.1) / errorAt(0.05);
  assert.ok(ratio > 14 && ratio < 18, `ratio ${ratio}`);
});

test('encoding is feature-major with (f, 0.2f, -f) at the first step after max-abs scaling', () => {
  const enc = encodeFeatures(
    mixedOscillator,
    spec('mixed-oscillator', { delta: 2 }, 2),
    Float32Array.from([2, -4]),
    1,
  );
  assert.equal(enc.channels, 6);
  assert.deepEqual(Array.from(enc.data.subarray(0, 6)), [
    0.5,
    Math.fround(0.1),
    -0.5,
    -1,
    Math.fround(-0.2),
    1,
  ]);
});

// An independent re-computation written from the paper's description, sharing no code with
// src/encoding: Lorenz by hand, RK4 by hand, np.interp-style resampling by hand.
function lorenzByHand(f: number, tmax: number, h: number, steps: number): number[][] {
  const d = (s: number[]): number[] => [
    10 * (s[1]! - s[0]!),
    s[0]! * (28 - s[2]!) - s[1]!,
    s[0]! * s[1]! - (8 / 3) * s[2]!,
  ];
  const add = (a: number[], b: number[], c: number): number[] => a.map((v, i) => v + c * b[i]!);
  const n = Math.round(tmax / h);
  const traj = [[f, 0.2 * f, -f]];
  for (let i = 0; i < n; i++) {
    const s = traj[i]!;
    const k1 = d(s);
    const k2 = d(add(s, k1, h / 2));
    const k3 = d(add(s, k2, h / 2));
    const k4 = d(add(s, k3, h));
    traj.push(s.map((v, j) => v + (h / 6) * (k1[j]! + 2 * k2[j]! + 2 * k3[j]! + k4[j]!)));
  }
  return Array.from({ length: steps }, (_, q) => {
    const pos = (q / (steps - 1)) * n;
    const i = Math.min(Math.floor(pos), n - 1);
    return [0, 1, 2].map((c) => traj[i]![c]! + (pos - i) * (traj[i + 1]![c]! - traj[i]![c]!));
  });
}

test('the encoded tensor equals an independent re-computation to 1e-9', () => {
  const features = [0.3, -1.7, 0.05, 2.2, -0.9, 1.1, 0];
  const sys = findSystem('lorenz')!;
  for (const steps of [5, 7]) {
    const plan = makePlan(sys, sys.defaults, 0.01, 8, steps);
    const out = new Float64Array(steps * 21);
    encodeInto(sys, sys.defaults, plan, features, 7, out, 0, 1);
    const m = Math.max(...features.map(Math.abs));
    features.forEach((v, f) => {
      lorenzByHand(v / m, 8, 0.01, steps).forEach((row, s) => {
        row.forEach((want, c) => {
          const got = out[s * 21 + 3 * f + c]!;
          assert.ok(
            Math.abs(got - want) <= 1e-9,
            `steps ${steps} f${f} s${s} c${c}: ${got} vs ${want}`,
          );
        });
      });
    });
  }
});

test('the float32 dataset is the float64 encoding rounded once', () => {
  const sys = findSystem('mixed-oscillator')!;
  const p = { ...sys.defaults, delta: -0.3, drive: 0.4 };
  const feats = Float32Array.from([0.2, -0.6, 1.3, 0.9, -0.1, 0.4]);
  const enc = encodeFeatures(sys, spec(sys.name, p, 3), feats, 2);
  const wide = new Float64Array(enc.data.length);
  encodeInto(sys, p, makePlan(sys, p, 0.01, 8, 5), feats, 3, wide, 0, 2);
  assert.deepEqual(Array.from(enc.data), Array.from(wide, Math.fround));
});

test("every system's kernel agrees bit for bit with the plain integrate + resample path", () => {
  const feats = Float64Array.from([0.5, -1, 0.25, 0.75, 0.1, -0.3, 0, 0, 0]);
  for (const sys of Object.values(SYSTEMS)) {
    if (sys.name === 'chen') continue; // blows up with its code parameters (divergence tests)
    const p = sys.name === 'mixed-oscillator' ? { ...sys.defaults, drive: 0.4 } : sys.defaults;
    const plan = makePlan(sys, p, 0.01, 6, 7);
    const fast = new Float64Array(3 * 7 * 9);
    encodeInto(sys, p, plan, feats, 3, fast, 0, 3);
    const traj = new Float64Array(3 * 601);
    const row = new Float64Array(3 * 7);
    for (let i = 0; i < 3; i++) {
      const m = Math.max(...feats.subarray(3 * i, 3 * i + 3).map(Math.abs));
      for (let f = 0; f < 3; f++) {
        const v = m > 0 ? feats[3 * i + f]! / m : 0;
        integrate(sys, p, v, 0.2 * v, -v, 0.01, 600, traj);
        resample(traj, 601, 7, row);
        for (let s = 0; s < 7; s++) {
          for (let c = 0; c < 3; c++) {
            const got = fast[(i * 7 + s) * 9 + 3 * f + c]!;
            assert.ok(
              got === row[3 * s + c],
              `${sys.name} ${i}/${f}/${s}/${c}: ${got} vs ${row[3 * s + c]}`,
            );
          }
        }
      }
    }
  }
});

test('a system outside the registry runs the plain path and matches the kernel', () => {
  const sys = findSystem('rossler')!;
  const plain: DynamicalSystem = {
    name: 'plain-rossler',
    defaults: sys.defaults,
    derivative: sys.derivative,
    jacobian: sys.jacobian,
  };
  const feats = Float32Array.from([0.5, -1, 0.25, 0.75, 0.1, -0.3]);
  const a = encodeFeatures(sys, spec('rossler', {}, 3), feats, 2);
  const b = encodeFeatures(plain, spec('plain-rossler', {}, 3), feats, 2);
  assert.deepEqual(Array.from(a.data), Array.from(b.data));
});

test('two worker threads produce exactly the single-thread encoding', async () => {
  const rand = mulberry32(7);
  const n = 1000;
  const feats = Float32Array.from({ length: n * 7 }, () => rand() * 2 - 1);
  const sys = findSystem('chua')!;
  const s = { ...spec('chua', {}, 7), tmax: 4 };
  const one = encodeFeatures(sys, s, feats, n);
  const two = await encodeFeaturesParallel(sys, s, feats, n, { workers: 2 });
  assert.equal(two.data.length, one.data.length);
  assert.ok(
    one.data.every((v, i) => v === two.data[i]),
    'worker output differs',
  );
});

test('non-finite features are rejected before any integration', () => {
  assert.throws(
    () =>
      encodeFeatures(
        mixedOscillator,
        spec('mixed-oscillator', {}, 2),
        Float32Array.from([1, NaN]),
        1,
      ),
    (e: Error & { code?: string }) =>
      e.code === 'E_BAD_FEATURES' && /features\[0\]\[1\]/.test(e.message + JSON.stringify(e)),
  );
});
