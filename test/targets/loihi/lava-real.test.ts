// Opt-in: run_lava.py against a real Lava (lava-nc and lava-dl sources importable from the path
// in DYNALIGN_LAVA_PATH, run by DYNALIGN_LAVA_PYTHON or /usr/bin/python3). Lava computes the
// spikes of the compiled expansive demo itself and must equal dynalign's prediction at every
// step of every layer, in both directions. Skipped unless DYNALIGN_LAVA_PATH is set, so it is
// never part of the default suite or of CI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { adapter } from '../../../targets/loihi/adapter.ts';
import { loadModel } from '../../../src/io/model-file.ts';
import { tempDir } from './helpers.ts';

const LAVA = process.env.DYNALIGN_LAVA_PATH;
const PYTHON = process.env.DYNALIGN_LAVA_PYTHON ?? '/usr/bin/python3';
const DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));

test(
  "Lava's own run of the compiled expansive demo equals dynalign's prediction spike for spike",
  { skip: LAVA ? false : 'set DYNALIGN_LAVA_PATH to a folder holding lava and lava.lib.dl' },
  async () => {
    const outDir = join(tempDir(), 'out');
    const options = {
      inputs: `${DIR}demo-expansive-test.npy`,
      labels: `${DIR}demo-expansive-labels.npy`,
      samples: 16,
    };
    await adapter.compile(await loadModel(`${DIR}demo-expansive.nirpb`), { outDir, options });

    // Lava runs network.net on inputs.npy and compares with dynalign_spikes.json itself.
    const env = { ...process.env, PYTHONPATH: LAVA };
    const r = spawnSync(PYTHON, ['run_lava.py'], { cwd: outDir, env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Lava's 84 steps equal dynalign's prediction/);

    // And the other way: dynalign replays Lava's spikes as a golden file.
    const back = await adapter.emulateStandalone!({ golden: join(outDir, 'lava_spikes.json') });
    assert.equal(back.check?.passed, true, back.check?.firstDifference);
  },
);
