// The demo networks (dissipative and expansive, reset to zero) keep their quantised Loihi
// accuracy within 1 point of the float model on their 500 test inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adapter } from '../../../targets/loihi/adapter.ts';
import { loadDemoFixture } from './helpers.ts';

async function demo(mode: string) {
  const { model, inputs } = await loadDemoFixture(mode);
  const r = await adapter.emulate(model, inputs, { options: {} });
  return { r, acc: (r.extra as { accuracy: Record<string, number> }).accuracy };
}

for (const mode of ['dissipative', 'expansive']) {
  test(`${mode} demo: Loihi accuracy within 1 point of float`, async () => {
    const { r, acc } = await demo(mode);
    assert.equal(r.n, 500);
    assert.equal(acc.resetCost, 0);
    assert.ok(
      Math.abs(acc.floatModel! - acc.loihi!) <= 0.01,
      `float ${acc.floatModel} vs Loihi ${acc.loihi}`,
    );
  });
}

test('the expansive demo overflows the 24-bit current and says so', async () => {
  const { r } = await demo('expansive');
  const overflow = (r.extra as { overflow: Record<string, { wraps: number }> }).overflow;
  assert.ok(overflow.lif1!.wraps > 0);
  assert.equal(overflow.lif2!.wraps, 0);
});
