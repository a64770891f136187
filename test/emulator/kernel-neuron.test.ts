// The fast integer kernels (neuron-fast.ts, finish-fast.ts) against their readable reference
// loops: random layers, states and inputs under every option the int profile and the plan's reset
// allow, compared spike for spike and register for register over several steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ROUNDINGS, type Rounding } from '../../src/quantize/arith.js';
import { makeIntProfile, type IntConfig } from '../../src/quantize/profiles/int.js';
import type { NumericProfile } from '../../src/quantize/profile.js';
import type { NeuronIntOp, Plan } from '../../src/emulator/plan-types.js';
import {
  newNeuronState,
  neuronInt,
  neuronIntReference,
  type NeuronState,
} from '../../src/emulator/kernels/neuron.js';
import { fastRules } from '../../src/emulator/kernels/neuron-fast.js';
import { finishInt, finishIntReference } from '../../src/emulator/kernels/synapse.js';
import { mulberry32 } from '../../src/util/random.js';

interface Case {
  profile: NumericProfile;
  reset: Plan['reset'];
  cuba: boolean;
  spiking: boolean;
  n: number;
  seed: number;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    stateBits: fc.integer({ min: 5, max: 32 }),
    decayBits: fc.integer({ min: 1, max: 16 }),
    leak: fc.constantFrom('multiply-shift' as const, 'shift' as const, 'table' as const),
    overflow: fc.constantFrom('saturate' as const, 'wrap' as const),
    rounding: fc.constantFrom(...ROUNDINGS),
    compare: fc.constantFrom('>' as const, '>=' as const),
    zero: fc.boolean(),
    sameStep: fc.boolean(),
    setOnNext: fc.boolean(),
    refractory: fc.integer({ min: 0, max: 2 }),
    cuba: fc.boolean(),
    spiking: fc.boolean(),
    n: fc.integer({ min: 1, max: 40 }),
    seed: fc.integer({ min: 1, max: 1e9 }),
  })
  .map((c) => {
    const base = makeIntProfile(intConfig(c));
    const table = { kind: 'table' as const, fractionBits: c.decayBits, rounding: c.rounding };
    const profile: NumericProfile =
      c.leak === 'table' ? { ...base, leak: { ...table, factor: (b: number) => b } } : base;
    const { zero, sameStep, refractory, setOnNext } = c;
    const reset = { zero, sameStep, refractory, setOnNext };
    return { profile, reset, cuba: c.cuba, spiking: c.spiking, n: c.n, seed: c.seed };
  });

type CaseKeys = 'stateBits' | 'decayBits' | 'overflow' | 'rounding' | 'compare';

/** The int profile's settings of a case ('table' is built on the multiply-shift profile). */
function intConfig(c: Pick<IntConfig, CaseKeys> & { leak: string }): Partial<IntConfig> {
  return {
    stateBits: c.stateBits,
    decayBits: c.decayBits,
    leak: c.leak === 'shift' ? ('shift' as const) : ('multiply-shift' as const),
    overflow: c.overflow,
    rounding: c.rounding,
    compare: c.compare,
  };
}

/** A random layer whose parameters fit the profile's registers. */
function makeLayer(c: Case, rand: () => number): NeuronIntOp {
  const half = 2 ** (c.profile.state.bits - 1);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const vec = (f: () => number) => Int32Array.from({ length: c.n }, f);
  const shiftLeak = c.profile.leak.kind === 'shift';
  const frac = c.profile.leak.kind === 'shift' ? 0 : c.profile.leak.fractionBits;
  const decay = () => (shiftLeak ? int(-1, 12) : int(0, 2 ** frac));
  return {
    kind: 'neuron-int',
    spiking: c.spiking,
    cuba: c.cuba,
    vDecay: vec(decay),
    iDecay: vec(decay),
    bias: vec(() => int(-half / 4, half / 4)),
    thr: vec(() => int(0, half - 1)),
    vReset: vec(() => int(-half / 2, half / 2)),
  };
}

/** A state the emulator can reach: registers in range, refr only under a refractory period. */
function makeState(c: Case, rand: () => number): NeuronState {
  const st = newNeuronState(c.n, true);
  const reg = (bits: number) => Math.floor((rand() * 2 - 1) * 2 ** (bits - 1));
  for (let j = 0; j < c.n; j++) {
    st.v[j] = reg(c.profile.state.bits);
    st.i[j] = reg(c.profile.current.bits);
    st.last[j] = rand() < 0.4 ? 1 : 0;
    const held = c.reset.refractory > 0 && rand() < 0.3;
    st.refr[j] = held ? 1 + Math.floor(rand() * c.reset.refractory) : 0;
  }
  return st;
}

function copyState(st: NeuronState): NeuronState {
  return { ...st, v: st.v.slice(), i: st.i.slice(), last: st.last.slice(), refr: st.refr.slice() };
}

/** Steps both loops side by side; returns the first difference, or '' when they agree. */
function compareSteps(c: Case, steps: number): string {
  const rand = mulberry32(c.seed);
  const op = makeLayer(c, rand);
  const plan = { profile: c.profile, reset: c.reset } as unknown as Plan;
  const fast = makeState(c, rand);
  const ref = copyState(fast);
  const span = 2 ** (c.profile.state.bits + 1);
  for (let t = 0; t < steps; t++) {
    const x = Int32Array.from({ length: c.n }, () => Math.floor((rand() * 2 - 1) * span));
    const [outF, outR] = [new Int32Array(c.n), new Int32Array(c.n)];
    const [evF, evR] = [new Int32Array(c.n), new Int32Array(c.n)];
    const nF = neuronInt(op, fast, x, outF, evF, plan);
    const nR = neuronIntReference(op, ref, x, outR, evR, plan);
    const same = (a: ArrayLike<number>, b: ArrayLike<number>) => String(a) === String(b);
    if (nF !== nR || !same(evF.subarray(0, nF), evR.subarray(0, nR))) return `spikes, step ${t}`;
    if (!same(outF, outR)) return `out, step ${t}`;
    for (const k of ['v', 'i', 'last', 'refr'] as const) {
      if (!same(fast[k], ref[k])) return `${k}, step ${t}: ${fast[k]} vs ${ref[k]}`;
    }
  }
  return '';
}

test('the fast neuron step equals the reference loop spike for spike, state for state', () => {
  let fastCases = 0;
  fc.assert(
    fc.property(caseArb, (c) => {
      const diff = compareSteps(c, 6);
      assert.equal(diff, '', `${c.profile.id} ${JSON.stringify(c.reset)}: ${diff}`);
      const probe = makeLayer(c, mulberry32(c.seed));
      if (fastRules(probe, { profile: c.profile, reset: c.reset } as unknown as Plan)) fastCases++;
    }),
    { numRuns: 400, seed: 20261203 },
  );
  assert.ok(fastCases >= 150, `only ${fastCases} of 400 cases took the fast loop`);
});

test('plain LIF layers take the specialised loop and still equal the reference', () => {
  const resets = [
    { zero: false, sameStep: false, refractory: 0 },
    { zero: true, sameStep: false, refractory: 0 },
    { zero: true, sameStep: false, refractory: 0, setOnNext: true },
  ];
  for (const stateBits of [6, 16])
    for (const compare of ['>', '>='] as const)
      for (const rounding of ['toward-zero', 'floor', 'nearest-up'] as const)
        for (const [k, reset] of resets.entries()) {
          const profile = makeIntProfile({ stateBits, compare, rounding, headroomBits: 1 });
          const c: Case = { profile, reset, cuba: false, spiking: true, n: 300, seed: 11 + k };
          const plan = { profile, reset } as unknown as Plan;
          assert.equal(fastRules(makeLayer(c, mulberry32(1)), plan)?.lif, true);
          assert.equal(compareSteps(c, 12), '', `${profile.id} ${JSON.stringify(reset)}`);
        }
});

test('layers whose leak products could leave 32 bits take the reference loop', () => {
  const c: Case = {
    profile: makeIntProfile({ stateBits: 24, decayBits: 12 }),
    reset: { zero: true, sameStep: true, refractory: 0 },
    cuba: false,
    spiking: true,
    n: 8,
    seed: 3,
  };
  const op = makeLayer(c, mulberry32(2));
  assert.equal(fastRules(op, c as unknown as Plan), null);
  assert.equal(compareSteps(c, 5), '');
});

test('finishing the sums equals the reference for every shift, rounding, bias and overflow', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -20, max: 33 }),
      fc.constantFrom<Rounding>(...ROUNDINGS),
      fc.boolean(),
      fc.boolean(),
      fc.constantFrom(32, 24),
      fc.integer({ min: 1, max: 1e9 }),
      (shift, rounding, withBias, saturate, accBits, seed) => {
        const rand = mulberry32(seed);
        const int32 = () => Math.floor((rand() * 2 - 1) * 2 ** 31);
        const small = () => Math.floor((rand() * 2 - 1) * 2 ** 12);
        const sums = Int32Array.from({ length: 37 }, (_, j) => (j % 3 === 0 ? int32() : small()));
        const bias = withBias ? Int32Array.from({ length: 37 }, int32) : null;
        const acc = { bits: accBits, overflow: 'wrap' as const };
        const [fast, ref] = [sums.slice(), sums.slice()];
        finishInt(fast, acc, shift, rounding, bias, saturate);
        finishIntReference(ref, acc, shift, rounding, bias, saturate);
        assert.deepEqual(fast, ref, `shift ${shift} ${rounding} sat ${saturate}`);
      },
    ),
    { numRuns: 500, seed: 20261203 },
  );
});
