import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEMS } from '../../src/encoding/registry.js';
import { defineSystem } from '../../src/encoding/define-system.js';
import { mulberry32 } from '../../src/util/random.js';

const EXPECTED: Record<string, string[]> = {
  'mixed-oscillator': ['alpha', 'beta', 'delta', 'gamma', 'omega', 'drive'],
  lorenz: ['sigma', 'rho', 'beta'],
  rossler: ['a', 'b', 'c'],
  aizawa: ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'],
  'nose-hoover': ['alpha'],
  'sprott-c': ['a'],
  chua: ['alpha', 'beta', 'm0', 'm1'],
  chen: ['a', 'b', 'c'],
};

test('the registry holds the eight paper systems under their CLI and parameter names', () => {
  assert.deepEqual(Object.keys(SYSTEMS).sort(), Object.keys(EXPECTED).sort());
  for (const [name, params] of Object.entries(EXPECTED)) {
    assert.deepEqual(Object.keys(SYSTEMS[name]!.defaults), params, name);
  }
});

test('defaults are the paper values', () => {
  assert.deepEqual(SYSTEMS['lorenz']!.defaults, { sigma: 10, rho: 28, beta: 8 / 3 });
  assert.deepEqual(SYSTEMS['rossler']!.defaults, { a: 0.2, b: 0.2, c: 5.7 });
  assert.deepEqual(SYSTEMS['chua']!.defaults, { alpha: 15.6, beta: 28.58, m0: -1.143, m1: -0.714 });
  assert.deepEqual(SYSTEMS['chen']!.defaults, { a: 60, b: 2.667, c: 97 });
  assert.equal(SYSTEMS['sprott-c']!.defaults.a, 3);
  assert.equal(SYSTEMS['aizawa']!.defaults.zeta, 0.1);
  const mo = SYSTEMS['mixed-oscillator']!.defaults;
  assert.deepEqual([mo.alpha, mo.beta, mo.gamma, mo.omega, mo.drive], [2, 0.1, 0.1, 1, 0]);
});

test('every analytic Jacobian matches central differences of its right-hand side', () => {
  const rand = mulberry32(11);
  const f0 = new Float64Array(3);
  const f1 = new Float64Array(3);
  const jac = new Float64Array(9);
  for (const sys of Object.values(SYSTEMS)) {
    const p = { ...sys.defaults, ...(sys.name === 'mixed-oscillator' ? { drive: 0.7 } : {}) };
    for (let trial = 0; trial < 20; trial++) {
      const s = [rand() * 6 - 3, rand() * 6 - 3, rand() * 6 - 3];
      // Keep Chua's kinks (|x| = 1) away from the difference stencil.
      if (sys.name === 'chua' && Math.abs(Math.abs(s[0]!) - 1) < 0.01) continue;
      const t = rand() * 5;
      sys.jacobian(s[0]!, s[1]!, s[2]!, t, p, jac);
      for (let c = 0; c < 3; c++) {
        const e = 1e-6;
        const hi = [...s];
        const lo = [...s];
        hi[c]! += e;
        lo[c]! -= e;
        sys.derivative(hi[0]!, hi[1]!, hi[2]!, t, p, f1);
        sys.derivative(lo[0]!, lo[1]!, lo[2]!, t, p, f0);
        for (let r = 0; r < 3; r++) {
          const fd = (f1[r]! - f0[r]!) / (2 * e);
          const an = jac[3 * r + c]!;
          assert.ok(
            Math.abs(fd - an) <= 1e-5 * (1 + Math.abs(an)),
            `${sys.name} J[${r}][${c}] ${an} vs ${fd}`,
          );
        }
      }
    }
  }
});

test('a declared constant trace equals the Jacobian trace everywhere', () => {
  const rand = mulberry32(3);
  for (const sys of Object.values(SYSTEMS)) {
    if (!sys.sigmaLambda) continue;
    const p = sys.defaults;
    for (let trial = 0; trial < 10; trial++) {
      const [x, y, z] = [rand() * 10 - 5, rand() * 10 - 5, rand() * 10 - 5];
      assert.ok(Math.abs(sys.trace(x, y, z, 0, p) - sys.sigmaLambda(p)!) < 1e-12, sys.name);
    }
  }
  assert.equal(
    SYSTEMS['mixed-oscillator']!.sigmaLambda!({
      ...SYSTEMS['mixed-oscillator']!.defaults,
      delta: 0.3,
    }),
    -0.6,
  );
});

test('the mixed oscillator drive enters dy/dt as drive·cos(ω·t)', () => {
  const sys = SYSTEMS['mixed-oscillator']!;
  const out0 = new Float64Array(3);
  const out1 = new Float64Array(3);
  const p = { ...sys.defaults, drive: 0.5, omega: 2 };
  sys.derivative(0.3, 0.2, 0.1, 0, { ...p, drive: 0 }, out0);
  sys.derivative(0.3, 0.2, 0.1, 1.25, p, out1);
  assert.ok(Math.abs(out1[1]! - out0[1]! - 0.5 * Math.cos(2.5)) < 1e-15);
});

test('an equation naming an unknown symbol fails when the system is defined', () => {
  const def = {
    name: 'typo',
    title: 't',
    source: 's',
    defaults: { k: 1 },
    paramDocs: {},
    rhs: ['y', '-k * x', 'kk * z'] as const,
    jacobian: [
      ['0', '1', '0'],
      ['-k', '0', '0'],
      ['0', '0', 'k'],
    ] as const,
  };
  assert.throws(() => defineSystem(def), /unknown name 'kk'/);
});
