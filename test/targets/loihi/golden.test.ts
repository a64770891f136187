// Lava's own golden vectors (shared/fixtures/loihi-lava) replay bit for bit, and a changed
// value is reported at the step, layer and neuron where it first shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readGoldenFile } from '../../../targets/loihi/golden-file.ts';
import { checkGolden } from '../../../targets/loihi/golden-check.ts';
import { FIXTURES, tempDir } from './helpers.ts';

const DIR = `${FIXTURES}/loihi-lava`;
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json'));

test('every Lava golden file replays with all spikes, u and v equal', async () => {
  assert.ok(FILES.length >= 3);
  for (const f of FILES) {
    const r = checkGolden(await readGoldenFile(`${DIR}/${f}`));
    assert.equal(r.check?.passed, true, `${f}: ${r.check?.summary}`);
  }
});

test('a flipped spike in the recorded outputs is named by step, layer and neuron', async () => {
  const g = await readGoldenFile(`${DIR}/loihi_ff_leaky.json`);
  const row = g.outputs.spikes.lif2![9]!;
  row[3] = 1 - row[3]!;
  const r = checkGolden(g);
  assert.equal(r.check?.passed, false);
  assert.match(
    r.check!.firstDifference!,
    /^step 10, layer lif2, neuron 3: spike is \d, Lava's is \d$/,
  );
});

test('a wrong effective weight is caught before any step runs', async () => {
  const g = await readGoldenFile(`${DIR}/loihi_ff_if_like.json`);
  g.outputs.effective.dense1![0]![5] = -37;
  const r = checkGolden(g);
  assert.match(
    r.check!.firstDifference!,
    /^connection dense1, weight \[0\]\[5\]: effective -38, Lava's is -37$/,
  );
});

test('a wrong final u after the last step is reported as such', async () => {
  const g = await readGoldenFile(`${DIR}/loihi_ff_bias_excitatory_wexp_neg.json`);
  g.outputs.finalU!.lif2![1]! += 1;
  const r = checkGolden(g);
  assert.match(
    r.check!.firstDifference!,
    /^after step 50, layer lif2, neuron 1: final u is \d+, Lava's is \d+$/,
  );
});

test('a recurrent Dense feeds a spike of step t back at t + 1, summed with the input Dense', async () => {
  const file = join(tempDir(), 'recurrent.json');
  const layer = { name: 'lif1', n: 1, du: 4095, dv: 0, vth: 15, bias_mant: [0], bias_exp: [0] };
  const conn = (name: string, pre: string, w: number) => ({
    name,
    pre,
    post: 'lif1',
    weights_given: [[w]],
    weight_exp: 0,
    num_weight_bits: 8,
  });
  const outputs = {
    spikes_tn: { lif1: [[0], [1], [0], [0]] },
    traces_tn: { lif1: { u: [[0], [1280], [640], [0]], v: [[0], [0], [640], [640]] } },
  };
  const g = {
    T: 4,
    n_in: 1,
    input_raster_tn: [[1], [0], [0], [0]],
    layers: [layer],
    connections: [conn('dense1', 'input', 20), conn('rec', 'lif1', 10)],
    outputs,
  };
  writeFileSync(file, JSON.stringify(g));
  const r = checkGolden(await readGoldenFile(file));
  assert.equal(r.check?.passed, true, r.check?.summary);
});
