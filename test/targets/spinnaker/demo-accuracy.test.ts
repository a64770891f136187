// The demo networks (δ = 2 dissipative, δ = −1.5 expansive) trained with the reset the target
// has (`--reset zero`) keep their float accuracy on SpiNNaker within one point, on 500 evenly
// spaced test images shipped in targets/spinnaker/fixtures (see its README).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { adapter } from '../../../targets/spinnaker/adapter.js';
import { decodeNpy } from '../../../targets/spinnaker/emit/npy.js';
import { loadModel } from '../../../src/io/model-file.js';
import type { EncodedSet } from '../../../src/encoding/encoder.js';

const FIXTURES = fileURLToPath(new URL('../../../targets/spinnaker/fixtures/', import.meta.url));
const MAX_COST_POINTS = 1;

async function fixture(name: string): Promise<EncodedSet> {
  const x = decodeNpy(await readFile(`${FIXTURES}${name}.inputs.npy`));
  const y = decodeNpy(await readFile(`${FIXTURES}${name}.labels.npy`));
  const [n, steps, channels] = x.shape as [number, number, number];
  return { n, steps, channels, data: x.data as Float32Array, labels: y.data as Uint8Array };
}

for (const name of ['dissipative-zero', 'expansive-zero']) {
  test(`${name}: SpiNNaker accuracy within ${MAX_COST_POINTS} point of float`, async () => {
    const model = await loadModel(`${FIXTURES}${name}.nirpb`);
    assert.equal(model.discretisation?.reset, 'zero');
    const r = await adapter.emulate(model, await fixture(name));
    const cmp = (r.extra as { comparison: { floatAccuracy: number; accuracyCostPoints: number } })
      .comparison;
    assert.ok(cmp.floatAccuracy > 0.5, `float accuracy ${cmp.floatAccuracy}`);
    assert.ok(
      Math.abs(cmp.accuracyCostPoints) <= MAX_COST_POINTS,
      `float ${cmp.floatAccuracy}, SpiNNaker ${r.accuracy}`,
    );
  });
}
