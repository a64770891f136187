// The report opens in headless Chromium with every plot rendered and no console error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { mkdtempSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { renderReport } from '../../src/report/html.js';
import { makeDemoResult } from './helpers.js';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-logging=stderr',
  '--v=0',
];

test('the report renders in Chromium: every plot has marks, no console errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dynalign-report-'));
  const page = join(dir, 'report.html');
  writeFileSync(page, await renderReport({ demo: makeDemoResult() }));
  const profile = (name: string) => `--user-data-dir=${join(dir, name)}`;

  // The DOM after Chromium has parsed and laid out the page.
  const dom = await execa(
    'chromium',
    [...CHROMIUM_FLAGS, profile('p1'), '--dump-dom', `file://${page}`],
    {
      reject: false,
      timeout: 90_000,
    },
  );
  assert.equal(dom.exitCode, 0, dom.stderr.slice(-2000));
  const figures = dom.stdout.match(/<figure class="plot">[\s\S]*?<\/figure>/g) ?? [];
  assert.equal(figures.length, 5, 'landscape, energy, accuracy and two rasters');
  // Each plot must draw data marks, not only its axes and background.
  const marks = /aria-roledescription="(bar|rule mark|line mark|point|tick|symbol)"/g;
  for (const f of figures) {
    assert.match(f, /<svg[^>]*>/);
    assert.ok((f.match(marks) ?? []).length > 0, `no data marks in ${f.slice(0, 120)}`);
  }
  const energy = figures.find((f) => f.includes('Energy per inference')) ?? '';
  assert.equal((energy.match(/aria-roledescription="bar"/g) ?? []).length, 2, 'one bar per mode');
  assert.doesNotMatch(dom.stderr, /CONSOLE.*(error|Uncaught)|Uncaught/i);

  // A screenshot, kept beside the page.
  const shot = join(dir, 'report.png');
  const s = await execa(
    'chromium',
    [
      ...CHROMIUM_FLAGS,
      profile('p2'),
      '--window-size=1280,2400',
      `--screenshot=${shot}`,
      `file://${page}`,
    ],
    { reject: false, timeout: 90_000 },
  );
  assert.equal(s.exitCode, 0, s.stderr.slice(-2000));
  assert.ok(existsSync(shot) && statSync(shot).size > 10_000);
});
