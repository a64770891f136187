// The artefacts as Python sees them: h5py reads network.net the way netx's NetDict does, numpy
// loads inputs.npy, and run_lava.py's own stream, window and comparison code (everything but
// the Lava calls, which need lava-nc) agrees with dynalign. Skipped when no python3 has numpy
// and h5py (Debian python3-numpy, python3-h5py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { adapter } from '../../../targets/loihi/adapter.ts';
import { encodeNpy } from '../../../targets/loihi/npy.ts';
import { makeInputs, makeLeakyModel, tempDir } from './helpers.ts';

const PYTHON = ['/usr/bin/python3', 'python3'].find(
  (p) => spawnSync(p, ['-c', 'import numpy, h5py'], { encoding: 'utf8' }).status === 0,
);

function python(code: string, cwd: string): string {
  const r = spawnSync(PYTHON!, ['-c', code], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

async function compiled(): Promise<string> {
  const dir = tempDir();
  const inputs = makeInputs(5, 5, 21, 6);
  writeFileSync(join(dir, 'x.npy'), encodeNpy(inputs.data, [5, 5, 21]));
  writeFileSync(join(dir, 'y.npy'), encodeNpy(Uint8Array.of(1, 2, 3, 4, 5), [5]));
  const outDir = join(dir, 'out');
  const options = { inputs: join(dir, 'x.npy'), labels: join(dir, 'y.npy') };
  await adapter.compile(makeLeakyModel([21, 16, 16, 10], 12), { outDir, options });
  return outDir;
}

test(
  'h5py reads network.net as netx does, with the integers compile chose',
  { skip: PYTHON ? false : 'no python3 with numpy and h5py' },
  async () => {
    const out = await compiled();
    const read = JSON.parse(
      python(
        `
import h5py, json
f = h5py.File('network.net', 'r')
layers = []
for k in sorted(f['layer'].keys(), key=int):
    g = f['layer'][k]
    t = g['type']
    t = (t[0] if len(t.shape) > 0 else t[()]).decode('ascii')
    d = {'type': t, 'shape': g['shape'][()].tolist()}
    if 'weight' in g:
        d['weight'] = g['weight'][()].astype(int).tolist()
        d['bias'] = g['bias'][()].astype(int).tolist()
        n = g['neuron']
        d['neuron'] = {'type': n['type'][()].decode('ascii'), 'du': int(n['iDecay'][()]) - 1,
                       'dv': int(n['vDecay'][()]), 'vth': int(n['vThMant'][()])}
    layers.append(d)
print(json.dumps(layers))
`,
        out,
      ),
    );
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    assert.deepEqual(
      read.map((l: { type: string }) => l.type),
      ['input', 'dense', 'dense', 'dense'],
    );
    manifest.layers.forEach(
      (
        m: { du: number; dv: number; vth: number; biasMant: number[]; weightRange: number[] },
        k: number,
      ) => {
        const l = read[k + 1];
        assert.deepEqual(l.neuron, { type: 'CUBA', du: m.du, dv: m.dv, vth: m.vth });
        assert.deepEqual(l.bias, m.biasMant);
        const flat = l.weight.flat() as number[];
        assert.deepEqual([Math.min(...flat), Math.max(...flat)], m.weightRange);
      },
    );
  },
);

test(
  "run_lava.py's stream, windows and comparison agree with dynalign",
  { skip: PYTHON ? false : 'no python3 with numpy and h5py' },
  async () => {
    const out = await compiled();
    const r = JSON.parse(
      python(
        `
import importlib.util, json
import numpy as np
spec = importlib.util.spec_from_file_location('run_lava', 'run_lava.py')
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
manifest = json.load(open('manifest.json'))
expected = json.load(open('dynalign_spikes.json'))
depth = len(manifest['layers'])
raster = m.stream_raster(np.load('inputs.npy'), depth)
last = expected['layers'][-1]['name']
pred = m.window_predictions(expected['outputs']['spikes_tn'][last], 5, manifest['steps'], depth)
same = m.first_difference(expected, json.loads(json.dumps(expected)))
flipped = json.loads(json.dumps(expected))
row = flipped['outputs']['spikes_tn'][expected['layers'][1]['name']][7]
row[2] = 1 - row[2]
print(json.dumps({'raster': raster.T.tolist(), 'pred': pred, 'same': same,
                  'diff': m.first_difference(expected, flipped)}))
`,
        out,
      ),
    );
    const expected = JSON.parse(readFileSync(join(out, 'dynalign_spikes.json'), 'utf8'));
    assert.deepEqual(r.raster, expected.input_raster_tn);
    assert.deepEqual(r.pred, expected.inference.predictions);
    assert.equal(r.same, null);
    assert.match(r.diff, /^step 8, layer 1, neuron 2: dynalign [01], Lava [01]$/);
  },
);
