// Accuracy axes stay readable: equal values get a padded domain with several ticks (not one
// tick "1"), and the domain never leaves [0, 1].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accuracyChart, accuracyDomain, renderSvg } from '../../src/report/plots.ts';

const close = (got: number[], want: number[]) =>
  got.forEach((g, i) => assert.ok(Math.abs(g - want[i]!) < 1e-12, `${got} != ${want}`));

test('equal accuracies get a 10-point axis centred on them', () => {
  close(accuracyDomain([0.92, 0.92]), [0.87, 0.97]);
});

test('the domain is clamped to [0, 1] and keeps its span at the edges', () => {
  close(accuracyDomain([1, 1]), [0.9, 1]);
  close(accuracyDomain([0, 0.02]), [0, 0.1]);
  close(accuracyDomain([0.2, 0.8]), [0.14, 0.86]);
  close(accuracyDomain([]), [0, 1]);
});

test('the rendered accuracy chart of two equal values has an axis from 87% to 97%', async () => {
  const svg = await renderSvg(
    accuracyChart([
      { mode: 'dissipative', run: 'float', accuracy: 0.92 },
      { mode: 'expansive', run: 'float', accuracy: 0.92 },
    ]),
  );
  assert.match(svg, /Y-axis titled 'accuracy' for a linear scale with values from 87% to 97%/);
  const ticks = svg.match(/<text[^>]*>\d+%<\/text>/g) ?? [];
  assert.ok(ticks.length >= 3, `expected several ticks, got ${ticks.join(' ')}`);
});
