import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseMode } from '../../src/encoding/analysis.js';
import { DivergenceError, isBounded, RUNAWAY_LIMIT } from '../../src/encoding/divergence.js';
import { encodeFeatures, integrate } from '../../src/encoding/encoder.js';
import { encodeFeaturesParallel } from '../../src/encoding/parallel.js';
import { SYSTEMS } from '../../src/encoding/registry.js';
import { EXIT_BAD_INPUT } from '../../src/util/errors.js';

const mixed = SYSTEMS['mixed-oscillator']!;
const spec = (system: string, params: Record<string, number>, k: number, tmax = 8) => ({
  system,
  params,
  h: 0.01,
  tmax,
  numSteps: 5,
  nFeatures: k,
  sigmaLambda: Number.NaN,
});

function catchDivergence(fn: () => unknown): DivergenceError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof DivergenceError, String(err));
    return err;
  }
  assert.fail('expected a DivergenceError');
}

test('strongly negative δ is stopped at the first runaway step, with a suggestion, exit 2', () => {
  const feats = Float32Array.from([0.2, -1, 0.5, 1, 0.3, -0.4]);
  const err = catchDivergence(() =>
    encodeFeatures(mixed, spec(mixed.name, { delta: -3 }, 3), feats, 2),
  );
  const b = err.blowUp;
  assert.equal(err.exitCode, EXIT_BAD_INPUT);
  assert.equal(err.code, 'E_DIVERGED');
  assert.equal(b.system, 'mixed-oscillator');
  assert.equal(b.params.delta, -3);

  // The reported time is the first state outside the box on that very trajectory.
  const v = b.value!;
  const traj = new Float64Array(3 * 801);
  integrate(mixed, b.params, v, 0.2 * v, -v, 0.01, 800, traj);
  const s = Math.round(b.t / 0.01);
  assert.ok(!isBounded(traj[3 * s]!, traj[3 * s + 1]!, traj[3 * s + 2]!));
  assert.ok(isBounded(traj[3 * s - 3]!, traj[3 * s - 2]!, traj[3 * s - 1]!));
  assert.match(
    err.format(),
    new RegExp(
      '^dynalign: E_DIVERGED: --tmax: mixed-oscillator \\(.*delta=-3.*\\) ' +
        'diverged at t = [0-9.]+ ' +
        '.*fix: use --tmax [0-9.]+ or less.*larger delta',
    ),
  );
});

test('the paper sweep extreme δ = −1.5 stays inside the runaway box at tmax 8', () => {
  const enc = encodeFeatures(
    mixed,
    spec(mixed.name, { delta: -1.5 }, 2),
    Float32Array.from([1, -1]),
    1,
  );
  const peak = enc.data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  assert.ok(peak > 1e4 && peak < RUNAWAY_LIMIT, `peak ${peak}`);
});

test('Chen with the code parameters blows up and the guard names the classic ones', () => {
  const chen = SYSTEMS['chen']!;
  const err = catchDivergence(() =>
    encodeFeatures(chen, spec('chen', {}, 1), Float32Array.of(1), 1),
  );
  assert.ok(err.blowUp.t > 0 && err.blowUp.t < 1, `t ${err.blowUp.t}`);
  assert.match(err.detail.fix!, /a=35 b=3 c=28/);
  const lyap = catchDivergence(() => analyseMode(chen, chen.defaults, { h: 0.01, tmax: 8 }));
  assert.equal(lyap.blowUp.context, 'lyapunov');
});

test('workers report the same blow-up as the single thread', async () => {
  const n = 1000;
  // All-zero samples rest at the origin; only sample 700, in the second worker's half, runs away.
  const feats = new Float32Array(n * 2);
  feats[2 * 700] = 1;
  feats[2 * 700 + 1] = 0.1;
  const s = spec(mixed.name, { delta: -3 }, 2);
  const one = catchDivergence(() => encodeFeatures(mixed, s, feats, n));
  assert.equal(one.blowUp.sample, 700);
  await assert.rejects(
    encodeFeaturesParallel(mixed, s, feats, n, { workers: 2 }),
    (err: unknown) => {
      assert.ok(err instanceof DivergenceError);
      assert.deepEqual(
        [err.blowUp.sample, err.blowUp.feature, err.blowUp.t],
        [one.blowUp.sample, one.blowUp.feature, one.blowUp.t],
      );
      return true;
    },
  );
});

test('an explicit Lyapunov window that runs away is an error, not a fallback', () => {
  const p = { ...mixed.defaults, delta: -1.5 };
  const err = catchDivergence(() =>
    analyseMode(mixed, p, { h: 0.01, tmax: 8, transient: 0, time: 200 }),
  );
  assert.equal(err.blowUp.context, 'lyapunov');
  assert.match(err.detail.fix!, /--lyap-time/);
});
