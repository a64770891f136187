// Files our writer produces, opened by h5py (what nir.read uses) and checked against NIR 1.0.7's
// read rules: a `type` string per node, exactly the dataclass fields, (E, 2) string edges,
// neuron fields of one shape with at least one dimension, and v_reset always present.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { closeH5 } from '../../src/ir/hdf5/host.js';
import { readNir, writeNir } from '../../src/ir/nir/file.js';
import { modelArb } from './arbitraries.js';
import { NIR_PAPER, makeSlashModel } from './helpers.js';

after(closeH5);

const CHECK = String.raw`
import sys, h5py, numpy as np
FIELDS = {
  'Input': ({'shape'}, set()), 'Output': ({'shape'}, set()),
  'Affine': ({'weight', 'bias'}, set()), 'Linear': ({'weight'}, set()),
  'Scale': ({'scale'}, set()), 'Delay': ({'delay'}, set()), 'Threshold': ({'threshold'}, set()),
  'Conv1d': ({'weight', 'stride', 'padding', 'dilation', 'groups', 'bias', 'input_shape'}, set()),
  'Conv2d': ({'weight', 'stride', 'padding', 'dilation', 'groups', 'bias', 'input_shape'}, set()),
  'SumPool2d': ({'kernel_size', 'stride', 'padding'}, set()),
  'AvgPool2d': ({'kernel_size', 'stride', 'padding'}, set()),
  'Flatten': ({'start_dim', 'end_dim'}, {'input_type'}),
  'I': ({'r'}, set()), 'IF': ({'r', 'v_threshold', 'v_reset'}, set()),
  'LI': ({'tau', 'r', 'v_leak'}, set()),
  'LIF': ({'tau', 'r', 'v_leak', 'v_threshold', 'v_reset'}, set()),
  'CubaLI': ({'tau_syn', 'tau_mem', 'r', 'v_leak', 'w_in'}, set()),
  'CubaLIF': ({'tau_syn', 'tau_mem', 'r', 'v_leak', 'v_threshold', 'v_reset', 'w_in'}, set()),
}
NEURON = {'r', 'tau', 'v_leak', 'v_threshold', 'v_reset', 'tau_syn', 'tau_mem', 'w_in'}
def is_str(d):
    return h5py.check_string_dtype(d.dtype) is not None and d.shape == ()
def node(g, where):
    assert is_str(g['type']), where
    t = g['type'][()].decode()
    members = set(g.keys()) - {'type', 'metadata'}
    if t == 'NIRGraph':
        assert members == {'nodes', 'edges'}, (where, members)
        e = g['edges']
        table = h5py.check_string_dtype(e.dtype) and e.ndim == 2 and e.shape[1] == 2
        assert table or e.shape == (0,), where
        names = set(g['nodes'].keys())
        for a, b in (e[()] if e.shape != (0,) else []):
            assert a.decode() in names and b.decode() in names, (where, a, b)
        for k in names: node(g['nodes'][k], where + '/' + k)
        return
    required, optional = FIELDS[t]
    assert required <= members <= required | optional, (where, t, members)
    shapes = {g[k].shape for k in members & NEURON}
    assert len(shapes) <= 1 and all(len(s) >= 1 for s in shapes), (where, shapes)
for path in sys.argv[1:]:
    with h5py.File(path, 'r') as f:
        assert is_str(f['version']), path
        node(f['node'], path)
print('checked', len(sys.argv) - 1)
`;

function pythonWithH5py(): string | undefined {
  for (const exe of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(exe, ['-c', 'import h5py, numpy'], { encoding: 'utf8' });
    if (r.status === 0) return exe;
  }
  return undefined;
}

const python = pythonWithH5py();

test('h5py reads our .nir files with the layout and fields nir.read requires', {
  skip: python ? false : 'python3 with h5py (Debian python3-h5py) is not installed',
}, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dynalign-h5py-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const files: string[] = [];
  for (const f of ['cnn_sinabs.nir', 'lif_norse.nir', 'braille_noDelay_bias_zero_subgraph.nir']) {
    const { model } = await readNir(readFileSync(NIR_PAPER + f));
    files.push(join(dir, f));
    writeFileSync(files.at(-1)!, await writeNir(model));
  }
  files.push(join(dir, 'slash-names.nir'));
  writeFileSync(files.at(-1)!, await writeNir(makeSlashModel()));
  const samples = fc.sample(modelArb, { numRuns: 25, seed: 11 });
  for (const [k, m] of samples.entries()) {
    files.push(join(dir, `random-${k}.nir`));
    writeFileSync(files.at(-1)!, await writeNir(m));
  }
  const r = spawnSync(python!, ['-c', CHECK, ...files], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), `checked ${files.length}`);
});
