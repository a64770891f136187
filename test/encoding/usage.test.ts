import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTiming } from '../../src/encoding/plan.js';
import {
  parseParamAssignments,
  requireSystem,
  resolveParams,
  SYSTEMS,
} from '../../src/encoding/registry.js';
import { DynalignError } from '../../src/util/errors.js';

function rejects(fn: () => unknown, code: string, line: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof DynalignError, String(e));
    assert.equal(e.code, code);
    assert.equal(e.exitCode, 2);
    assert.match(e.format(), line);
    return true;
  });
}

test('an unknown system gets a did-you-mean and the list of systems', () => {
  rejects(
    () => requireSystem('lorentz'),
    'E_UNKNOWN_SYSTEM',
    new RegExp(
      '^dynalign: E_UNKNOWN_SYSTEM: --system: unknown dynamical system \\(got "lorentz"\\); ' +
        "fix: did you mean 'lorenz'\\? systems: mixed-oscillator, ",
    ),
  );
  rejects(() => requireSystem('toString'), 'E_UNKNOWN_SYSTEM', /got "toString"/);
});

test('an unknown parameter names the system, suggests the nearest and lists the valid ones', () => {
  rejects(
    () => resolveParams(SYSTEMS['mixed-oscillator']!, { delt: 1 }),
    'E_UNKNOWN_PARAM',
    /has no parameter 'delt'.*did you mean 'delta'\? parameters: alpha, beta, delta/,
  );
});

test('parameter values must be plain finite numbers', () => {
  assert.deepEqual(parseParamAssignments(['delta=-0.3', 'omega = 2e-1']), {
    delta: -0.3,
    omega: 0.2,
  });
  rejects(
    () => parseParamAssignments(['delta=abc']),
    'E_BAD_PARAM',
    /value of 'delta' is not a number \(got "delta=abc"\)/,
  );
  rejects(() => parseParamAssignments(['delta=']), 'E_BAD_PARAM', /not a number/);
  rejects(() => parseParamAssignments(['delta']), 'E_BAD_PARAM', /expected name=value/);
  rejects(() => parseParamAssignments(['delta=Infinity']), 'E_BAD_PARAM', /not a number/);
});

test('tmax ≤ 0, h ≤ 0, too many steps and an off-grid tmax are usage errors', () => {
  rejects(() => checkTiming(0.01, 0, 5), 'E_BAD_TIMING', /--tmax: tmax must be > 0 \(got 0\)/);
  rejects(() => checkTiming(0.01, -2, 5), 'E_BAD_TIMING', /--tmax/);
  rejects(() => checkTiming(0, 8, 5), 'E_BAD_TIMING', /--h: the RK4 step must be > 0/);
  rejects(
    () => checkTiming(0.01, 0.05, 7),
    'E_BAD_TIMING',
    /--steps: more steps than the 6 points of the trajectory \(got 7\); fix: use --steps 6 or less/,
  );
  rejects(() => checkTiming(0.03, 8, 5), 'E_BAD_TIMING', /not a whole number of RK4 steps/);
  rejects(() => checkTiming(0.01, 8, 0), 'E_BAD_TIMING', /--steps/);
  checkTiming(0.01, 8, 801);
  checkTiming(0.01, 32, 5);
});
