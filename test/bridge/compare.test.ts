import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRuns } from '../../src/bridge/compare.js';
import type { DeviceRun } from '../../src/bridge/client.js';
import type { EmulatorTrace } from '../../src/bridge/program.js';
import { buildDeployment, emulateTrace, inputCodes } from '../../src/bridge/program.js';
import { DEMO_TARGET, makeDemoModel, makeInputs } from './helpers.js';

function traces(): { dev: DeviceRun; emu: EmulatorTrace } {
  const d = buildDeployment(makeDemoModel(), DEMO_TARGET);
  const inputs = makeInputs(5);
  const emu = emulateTrace(d, inputCodes(d, inputs), 5, inputs.steps);
  const dev: DeviceRun = {
    n: 5,
    steps: inputs.steps,
    outBytes: emu.outBytes,
    rasters: emu.rasters.slice(),
    cycles: Uint32Array.from(emu.cycles),
    coreUs: 0,
  };
  return { dev, emu };
}

test('identical rasters and cycles pass', () => {
  const { dev, emu } = traces();
  const c = compareRuns(dev, emu);
  assert.equal(c.passed, true);
  assert.equal(c.matching, 5);
});

test('one extra device spike is reported as the first difference with its place', () => {
  const { dev, emu } = traces();
  const at = (3 * dev.steps + 7) * dev.outBytes + 1;
  dev.rasters[at]! ^= 1 << 1;
  const c = compareRuns(dev, emu);
  assert.equal(c.passed, false);
  assert.equal(c.matching, 4);
  assert.match(
    c.firstDifference ?? '',
    /^inference 3, step 7: device spiked \[.*\], emulator \[.*\]$/,
  );
  assert.ok((c.firstDifference ?? '').includes('9'), 'output 9 (byte 1, bit 1) must be named');
});

test('a cycle count off by one is a difference even when every spike matches', () => {
  const { dev, emu } = traces();
  dev.cycles[2]! += 1;
  const c = compareRuns(dev, emu);
  assert.equal(c.passed, false);
  assert.equal(
    c.firstDifference,
    `inference 2: device ${emu.cycles[2]! + 1} cycles, emulator ${emu.cycles[2]}`,
  );
});
