import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { closeH5 } from '../../src/ir/hdf5/host.js';
import { readNir } from '../../src/ir/nir/file.js';
import { simulate } from '../../src/ir/sim/simulate.js';
import { framesFromCsv, framesFromNpy, traceCsv } from '../../src/ir/sim/input-array.js';
import { roundHalfEven } from '../../src/ir/primitives/delay.js';
import { exactCuba } from '../../src/ir/primitives/neuron-math.js';
import type { Discretisation, IrModel } from '../../src/ir/model.js';
import { f32, f64, i64, toFloat64 } from '../../src/ir/tensor.js';
import { NIR_PAPER, makeGraph, makeModel, makePort } from './helpers.js';

after(closeH5);

const rows = (f: string): number[][] =>
  readFileSync(NIR_PAPER + f, 'utf8').trim().split('\n').map((l) => l.split(',').map(Number));

async function lifNorse(): Promise<IrModel> {
  return (await readNir(readFileSync(NIR_PAPER + 'lif_norse.nir'))).model;
}

function run(model: IrModel, ref: number[][], disc: Discretisation) {
  const input = Float64Array.from(ref.map((r) => r[0]!));
  const r = simulate(model, { input }, { discretisation: disc, record: ['1'] });
  return { v: r.traces['1']!.state.v!, z: r.traces['1']!.output };
}

test('the exact integrator reproduces lif_exact.csv to 1e-6 with either reset rule', async () => {
  const model = await lifNorse();
  const ref = rows('lif_exact.csv');
  assert.equal(ref.length, 1000);
  for (const reset of ['subtract', 'zero'] as const) {
    const { v, z } = run(model, ref, { dt: 1e-4, integrator: 'exact', reset, spikes: 'unit' });
    ref.forEach((row, t) => {
      assert.ok(Math.abs(v[t]! - row[1]!) <= 1e-6, `${reset} v at ${t}: ${v[t]} vs ${row[1]}`);
      assert.equal(z[t], row[2], `${reset} spike at ${t}`);
    });
  }
});

test('forward Euler reproduces lif_snntorch.csv to 1e-6 in snnTorch units ' +
  '(v·τ/(r·dt))', async () => {
  const model = await lifNorse();
  const ref = rows('lif_snntorch.csv');
  const disc: Discretisation = { dt: 1e-4, integrator: 'euler', reset: 'zero', spikes: 'unit' };
  const { v, z } = run(model, ref, disc);

  // snnTorch's importer divides the threshold by r·dt/τ (shared/docs/nir.md §3), so its
  // membrane is ours times τ/(r·dt).
  const lif = model.graph.nodes['1']!.params;
  const scale = toFloat64(lif.tau as never)[0]! / (toFloat64(lif.r as never)[0]! * 1e-4);
  assert.ok(Math.abs(scale - 25) < 1e-5);
  let spikes = 0;
  ref.forEach((row, t) => {
    assert.ok(Math.abs(v[t]! * scale - row[1]!) <= 1e-6, `v at ${t}`);
    assert.equal(z[t], row[2], `spike at ${t}`);
    spikes += z[t]!;
  });
  assert.equal(spikes, 4);
});

test('forward Euler also matches Norse\'s recorded trace (float32) to 1e-6', async () => {
  const ref = rows('lif_norse.csv');
  const { v, z } = run(await lifNorse(), ref,
    { dt: 1e-4, integrator: 'euler', reset: 'zero', spikes: 'unit' });
  ref.forEach((row, t) => {
    assert.ok(Math.abs(v[t]! - row[1]!) <= 1e-6, `v at ${t}`);
    assert.equal(z[t], row[2]);
  });
});

test('the exact CubaLIF step agrees with a 10 000-substep Euler run, crossing included', () => {
  const p = { tauSyn: 5e-4, tauMem: 1e-3, r: 10, vLeak: 0.1, iTarget: 0.3 };
  const dt = 1e-4;
  const fine = (i0: number, v0: number, thr: number) => {
    let i = i0;
    let v = v0;
    let crossings = 0;
    const h = dt / 10_000;
    for (let k = 0; k < 10_000; k++) {
      i += (h / p.tauSyn) * (p.iTarget - i);
      v += (h / p.tauMem) * (p.vLeak - v + p.r * i);
      if (v > thr) {
        v = 0;
        crossings++;
      }
    }
    return { i, v, crossings };
  };
  for (const [i0, v0, thr] of [[0.5, 0.2, 10], [2, 0.8, 0.9], [0, 0, 10]] as const) {
    const e = exactCuba(p, i0, v0, dt, thr, 0);
    const f = fine(i0, v0, thr);
    assert.equal(e.crossings, f.crossings);
    assert.ok(Math.abs(e.i - f.i) < 1e-4 && Math.abs(e.v - f.v) < 2e-3, JSON.stringify({ e, f }));
  }
  const same = exactCuba({ ...p, tauSyn: 1e-3 }, 0.5, 0.2, dt, 10, 0);
  const near = exactCuba({ ...p, tauSyn: 1e-3 * (1 + 1e-9) }, 0.5, 0.2, dt, 10, 0);
  assert.ok(Math.abs(same.v - near.v) < 1e-9, 'τ_syn = τ_mem has no cancellation');
});

test('grouped, strided, dilated and same-padded convolutions match a direct sum', () => {
  const w = Array.from({ length: 4 * 1 * 3 * 3 }, (_, k) => ((k * 7) % 5) - 2);
  const x = Array.from({ length: 2 * 5 * 5 }, (_, k) => ((k * 3) % 7) - 3);
  const conv = (padding: string | ReturnType<typeof i64>, stride: number, dilation: number) =>
    makeModel(makeGraph({
      input: makePort('Input', [2, 5, 5]),
      conv: { type: 'Conv2d', params: { weight: f64(w, [4, 1, 3, 3]), stride: i64([stride, stride]),
        padding, dilation: i64([dilation, dilation]), groups: i64([2], []),
        bias: f64([0.5, 0, 0, -1]) }, metadata: {} },
    }, [['input', 'conv']]));
  const direct = (pad: number, s: number, d: number, o: number) => {
    const out: number[] = [];
    for (let oc = 0; oc < 4; oc++) {
      for (let oy = 0; oy < o; oy++) {
        for (let ox = 0; ox < o; ox++) {
          let acc = [0.5, 0, 0, -1][oc]!;
          for (let ky = 0; ky < 3; ky++) {
            for (let kx = 0; kx < 3; kx++) {
              const iy = oy * s - pad + ky * d;
              const ix = ox * s - pad + kx * d;
              if (iy < 0 || ix < 0 || iy >= 5 || ix >= 5) continue;
              acc += w[oc * 9 + ky * 3 + kx]! * x[(Math.floor(oc / 2) * 5 + iy) * 5 + ix]!;
            }
          }
          out.push(acc);
        }
      }
    }
    return out;
  };
  const disc: Discretisation = { dt: 1, integrator: 'euler', reset: 'zero', spikes: 'unit' };
  const cases: Array<[string | ReturnType<typeof i64>, number, number, number, number]> = [
    ['same', 1, 1, 1, 5], [i64([1, 1]), 2, 1, 1, 3], [i64([2, 2]), 1, 2, 2, 5],
    ['valid', 1, 1, 0, 3],
  ];
  for (const [padding, s, d, pad, o] of cases) {
    const r = simulate(conv(padding, s, d), { input: Float64Array.from(x) },
      { discretisation: disc, record: ['conv'] });
    assert.deepEqual(Array.from(r.traces.conv!.output), direct(pad, s, d, o), String(padding));
  }
});

test('AvgPool2d is SumPool2d over the window size; Delay rounds half to even like Python', () => {
  const pool = (type: 'SumPool2d' | 'AvgPool2d') => makeModel(makeGraph({
    input: makePort('Input', [1, 4, 4]),
    pool: { type, params: { kernel_size: i64([2, 2]), stride: i64([2, 2]), padding: i64([0, 0]) },
      metadata: {} },
  }, [['input', 'pool']]));
  const x = Float64Array.from({ length: 16 }, (_, k) => k);
  const disc: Discretisation = { dt: 1, integrator: 'euler', reset: 'zero', spikes: 'unit' };
  const sum = simulate(pool('SumPool2d'), { input: x }, { discretisation: disc, record: ['pool'] });
  const avg = simulate(pool('AvgPool2d'), { input: x }, { discretisation: disc, record: ['pool'] });
  assert.deepEqual(Array.from(sum.traces.pool!.output), [10, 18, 42, 50]);
  assert.deepEqual(Array.from(avg.traces.pool!.output), [2.5, 4.5, 10.5, 12.5]);
  assert.deepEqual([0.5, 1.5, 2.5, 2.4, -0.5].map(roundHalfEven), [0, 2, 2, 2, -0]);
});

test('CSV and .npy inputs give the same frames; the trace uses the fixtures\' layout', () => {
  const csv = framesFromCsv('# comment\nin,v,z\n1,0.5,0\n0,0.25,1\n\n2,0,0\n', 1);
  assert.deepEqual(csv, { steps: 3, values: Float64Array.of(1, 0, 2) });

  const header = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }";
  const pad = 128 - 10 - header.length - 1;
  const npy = new Uint8Array(128 + 24);
  npy.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 128 - 10, 0]);
  npy.set(new TextEncoder().encode(header + ' '.repeat(pad) + '\n'), 10);
  npy.set(new Uint8Array(Float32Array.of(1, 2, 3, 4, 5, 6).buffer), 128);
  assert.deepEqual(framesFromNpy(npy, 2), { steps: 3, values: Float64Array.of(1, 2, 3, 4, 5, 6) });
  assert.throws(() => framesFromNpy(npy, 3), { code: 'E_INPUT_SHAPE' });
  assert.throws(() => framesFromCsv('1,2\nx,3\n', 2), { code: 'E_INPUT_VALUE' });

  const columns = [Float64Array.of(1, 0), Float64Array.of(0.5, 0.25), Float64Array.of(0, 1)];
  const text = traceCsv(2, columns, [1, 1, 1]);
  assert.equal(text, '1,0.5,0\n0,0.25,1\n');
});

test('Affine with leading batch dims, Scale, Threshold and I follow their equations', () => {
  const model = makeModel(makeGraph({
    input: makePort('Input', [2, 2]),
    fc: { type: 'Affine', params: { weight: f32([1, 0, 0, 1, 2, 0, 0, 2], [2, 2, 2]),
      bias: f32([0.5, -0.5]) }, metadata: {} },
    scale: { type: 'Scale', params: { scale: f64([1, 2, 3, 4], [2, 2]) }, metadata: {} },
    thr: { type: 'Threshold', params: { threshold: f64([1, 1, 1, 1], [2, 2]) }, metadata: {} },
    int: { type: 'I', params: { r: f64([10, 10, 10, 10], [2, 2]) }, metadata: {} },
  }, [['input', 'fc'], ['fc', 'scale'], ['scale', 'thr'], ['scale', 'int']]));
  const r = simulate(model, { input: Float64Array.of(1, 1, 1, 1, 0, 0, 0, 0) },
    { discretisation: { dt: 0.1, integrator: 'euler', reset: 'zero', spikes: 'unit' },
      record: ['scale', 'thr', 'int'] });
  assert.deepEqual(Array.from(r.traces.scale!.output.subarray(0, 4)), [1.5, 1, 7.5, 6]);
  assert.deepEqual(Array.from(r.traces.thr!.output.subarray(0, 4)), [1, 0, 1, 1]);
  // Step 2 has no input: the bias alone, scaled, is integrated (dt·r = 1).
  assert.deepEqual(Array.from(r.traces.int!.output), [1.5, 1, 7.5, 6, 2, 0, 9, 4]);
});
