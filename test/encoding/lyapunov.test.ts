import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseMode } from '../../src/encoding/analysis.js';
import { kaplanYorke, lyapunovSpectrum, orthonormalise } from '../../src/encoding/lyapunov.js';
import { classifyMode, MODE_EPSILON } from '../../src/encoding/mode.js';
import { SYSTEMS } from '../../src/encoding/registry.js';

const mixed = SYSTEMS['mixed-oscillator']!;

for (const delta of [-1.5, -0.3, 0, 0.3, 2, 10]) {
  test(`mixed oscillator δ = ${delta}: Σλ = −2δ within 0.02, mode by its sign`, () => {
    const a = analyseMode(mixed, { ...mixed.defaults, delta }, { h: 0.01, tmax: 8 });
    assert.ok(Math.abs(a.sigmaLambda + 2 * delta) <= 0.02, `Σλ ${a.sigmaLambda}`);
    assert.ok(Math.abs(a.traceMean + 2 * delta) <= 1e-6, `trace ${a.traceMean}`);
    assert.equal(a.mode, delta > 0 ? 'dissipative' : delta < 0 ? 'expansive' : 'critical');
    // Expansive orbits grow without bound, so only they fall back to the encoding window.
    assert.equal(a.window.kind, delta < 0 ? 'encoding' : 'long');
  });
}

test('Lorenz (10, 28, 8/3): Σλ = −13.667 within 0.05 and λ1 in [0.85, 0.95]', () => {
  const lorenz = SYSTEMS['lorenz']!;
  const a = analyseMode(lorenz, lorenz.defaults, { h: 0.01, tmax: 8 });
  assert.ok(Math.abs(a.sigmaLambda + 13.667) <= 0.05, `Σλ ${a.sigmaLambda}`);
  assert.ok(a.lyapunov[0] >= 0.85 && a.lyapunov[0] <= 0.95, `λ1 ${a.lyapunov[0]}`);
  assert.ok(Math.abs(a.lyapunov[1]) < 0.02, `λ2 ${a.lyapunov[1]} ≠ 0`);
  assert.ok(a.kaplanYorke > 2.03 && a.kaplanYorke < 2.09, `D_KY ${a.kaplanYorke}`);
  assert.equal(a.mode, 'dissipative');
});

test('Rössler (0.2, 0.2, 5.7): λ1 in [0.05, 0.09] and Σλ agrees with the mean trace', () => {
  const r = SYSTEMS['rossler']!;
  const a = analyseMode(r, r.defaults, { h: 0.01, tmax: 8 });
  assert.ok(a.lyapunov[0] >= 0.05 && a.lyapunov[0] <= 0.09, `λ1 ${a.lyapunov[0]}`);
  assert.ok(Math.abs(a.sigmaLambda - a.traceMean) < 0.01, `${a.sigmaLambda} vs ${a.traceMean}`);
});

test('Nosé–Hoover conserves phase volume on average: critical', () => {
  const nh = SYSTEMS['nose-hoover']!;
  const a = analyseMode(nh, nh.defaults, { h: 0.01, tmax: 8 });
  assert.ok(Math.abs(a.sigmaLambda) < MODE_EPSILON / 2, `Σλ ${a.sigmaLambda}`);
  assert.equal(a.mode, 'critical');
});

test('an explicit window is used as given and exponents come out sorted', () => {
  const r = lyapunovSpectrum(
    mixed,
    { ...mixed.defaults, delta: 10 },
    {
      h: 0.01,
      transient: 0,
      time: 8,
      qrEvery: 5,
      initial: [0.1, 0.1, 0.1],
    },
  );
  assert.ok(r.exponents[0] >= r.exponents[1] && r.exponents[1] >= r.exponents[2]);
  // Near the origin the linearisation has eigenvalues −δ and (−δ ± √(δ² − 4α))/2.
  assert.ok(Math.abs(r.exponents[0] - (-10 + Math.sqrt(92)) / 2) < 0.02, `λ1 ${r.exponents[0]}`);
});

test('QR re-orthonormalisation leaves orthonormal columns and logs the stretch', () => {
  const v = Float64Array.from([2, 1, 0, 0, 3, 0, 0, 0, 0.5]);
  const sums = new Float64Array(3);
  orthonormalise(v, sums);
  const col = (j: number) => [v[j]!, v[3 + j]!, v[6 + j]!];
  const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++)
      assert.ok(Math.abs(dot(col(i), col(j)) - (i === j ? 1 : 0)) < 1e-12);
  }
  // |det| is preserved: Σ log r_jj = log |det| = log(2·3·0.5).
  assert.ok(Math.abs(sums[0]! + sums[1]! + sums[2]! - Math.log(3)) < 1e-12);
});

test('Kaplan–Yorke: 0 for a sink, j + S_j/|λ_{j+1}| otherwise, n if nothing contracts', () => {
  assert.equal(kaplanYorke([-0.1, -1, -2]), 0);
  assert.ok(Math.abs(kaplanYorke([0.9, 0, -14.5]) - (2 + 0.9 / 14.5)) < 1e-12);
  assert.ok(Math.abs(kaplanYorke([0.5, -0.2, -1]) - (2 + 0.3 / 1)) < 1e-12);
  assert.ok(Math.abs(kaplanYorke([0.5, -1, -1]) - 1.5) < 1e-12);
  assert.equal(kaplanYorke([1.2, 1.1, 0.7]), 3);
});

test('mode classification uses the documented ε band', () => {
  assert.equal(MODE_EPSILON, 0.05);
  assert.equal(classifyMode(-0.051), 'dissipative');
  assert.equal(classifyMode(-0.05), 'critical');
  assert.equal(classifyMode(0.05), 'critical');
  assert.equal(classifyMode(0.051), 'expansive');
  assert.equal(classifyMode(0.3, 0.5), 'critical');
});
