// The UP5K flow: yosys, nextpnr-ice40, icebram, icepack produce a bitstream; new weights of
// the same layout are swapped into it without place and route.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toolVersion } from '../../../src/util/tools.js';
import { DynalignError } from '../../../src/util/errors.js';
import { adapter } from '../../../targets/fpga/adapter.js';
import { makeModel } from './helpers.js';

const tools = ['yosys', 'nextpnr-ice40', 'icepack'];
const missing: string[] = [];
for (const t of tools) if ((await toolVersion(t)) === undefined) missing.push(t);
const skip = missing.length
  ? `not installed: ${missing.join(', ')} (apt-get install yosys nextpnr-ice40 fpga-icestorm)`
  : false;

/** An .asc split into its block-RAM init sections and everything else (logic, routing). */
function splitAsc(text: string): { ram: string; logic: string } {
  const ram: string[] = [];
  const logic: string[] = [];
  let inRam = false;
  for (const line of text.trim().split('\n')) {
    if (line.startsWith('.')) inRam = line.startsWith('.ram_data');
    (inRam ? ram : logic).push(line);
  }
  return { ram: ram.join('\n'), logic: logic.join('\n') };
}

test(
  'compile --part up5k builds a bitstream and swaps retrained weights into it',
  { skip, timeout: 900_000 },
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fpga-synth-'));
    try {
      const first = join(dir, 'first');
      const res = await adapter.compile(makeModel([6, 16, 4], 1), {
        outDir: first,
        options: { part: 'up5k' },
      });
      assert.ok(res.artefacts.includes('dl_top.bin') && res.artefacts.includes('dl_core.v'));
      assert.ok((await stat(join(first, 'dl_top.bin'))).size > 100_000);
      const m = JSON.parse(await readFile(join(first, 'manifest.json'), 'utf8'));
      const s = m.resources.synthesis;
      assert.ok(s.logicCells > 500 && s.logicCells <= 5280, `LCs ${s.logicCells}`);
      assert.ok(s.ebr >= 3 && s.ebr <= 30 && s.fmaxMHz > 0);

      // Same sizes, other weights: only icebram and icepack run.
      const second = join(dir, 'second');
      await adapter.compile(makeModel([6, 16, 4], 2), {
        outDir: second,
        options: { part: 'up5k', reuseBitstream: first },
      });
      const m2 = JSON.parse(await readFile(join(second, 'manifest.json'), 'utf8'));
      assert.equal(m2.resources.synthesis.reusedFrom, first);
      assert.equal(m2.resources.synthesis.seconds.yosys, undefined);
      const a = await readFile(join(first, 'dl_top.bin'));
      const b = await readFile(join(second, 'dl_top.bin'));
      assert.notDeepEqual(a, b);

      // Only block-RAM contents changed: logic and routing are those of the first build.
      const first_ = splitAsc(await readFile(join(first, 'dl_top.asc'), 'utf8'));
      const second_ = splitAsc(await readFile(join(second, 'dl_top.asc'), 'utf8'));
      assert.equal(second_.logic, first_.logic);
      assert.notEqual(second_.ram, first_.ram);

      // Another layout cannot reuse it.
      await assert.rejects(
        adapter.compile(makeModel([6, 17, 4], 2), {
          outDir: join(dir, 'third'),
          options: { part: 'up5k', reuseBitstream: first },
        }),
        (e: unknown) => e instanceof DynalignError && e.code === 'E_FPGA_REUSE',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);
