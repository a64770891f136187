// The generated Verilog under Verilator against the emulator: every spike of every layer, every
// step's cycles, the counters; random programs over every field's full range; missing images.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { toolVersion } from '../../../src/util/tools.js';
import { DynalignError } from '../../../src/util/errors.js';
import { writeDesign } from '../../../targets/fpga/src/compile.js';
import { runCore, type StepTrace } from '../../../targets/fpga/src/core.js';
import { inputsFile } from '../../../targets/fpga/src/inputs-file.js';
import type { FpgaProgram } from '../../../targets/fpga/src/quantize.js';
import { planResources } from '../../../targets/fpga/src/resources.js';
import { compareStep, parseTrace } from '../../../targets/fpga/src/rtl-compare.js';
import { verifyRtl } from '../../../targets/fpga/src/rtl-verify.js';
import { buildHarness, runHarness } from '../../../targets/fpga/src/verilator.js';
import { makeModel, randomCodes, randomProgram } from './helpers.js';

const hasVerilator = (await toolVersion('verilator')) !== undefined;
const skip = hasVerilator ? false : 'verilator is not installed (apt-get install verilator)';
const STAMP = { tool: 'dynalign', toolVersion: 'test', modelSha256: '0'.repeat(64) };
const SIZES = [6, 9, 7, 3];

/** Run a program's images through a built harness and return the first difference, if any. */
async function differences(
  exe: string,
  dir: string,
  prog: FpgaProgram,
  n: number,
  steps: number,
  seed: number,
  boot = false,
) {
  await writeDesign(dir, prog, planResources(prog), STAMP);
  const codes = randomCodes(n, steps, prog.nInputs, seed);
  await writeFile(join(dir, 'inputs.bin'), inputsFile(codes, n, steps, prog.nInputs));
  await runHarness(exe, dir, join(dir, 'inputs.bin'), join(dir, 'trace.txt'), { boot });
  const text = await readFile(join(dir, 'trace.txt'), 'utf8');
  const rtl = parseTrace(text);
  const traces: StepTrace[] = [];
  const run = runCore(prog, codes, n, steps, (t) => traces.push(t));
  const names = prog.layers.map((l) => l.name);
  const first = traces
    .map((t) => compareStep(t, rtl.steps.get(`${t.input}/${t.step}`), names))
    .find((d) => d);
  return { first, run, rtl, traces, text, names };
}

test(
  'RTL and emulator agree on a quantised network, then on random programs (multiply leak)',
  { skip },
  async () => {
    const work = await mkdtemp(join(tmpdir(), 'fpga-rtl-'));
    try {
      // The full verify path: quantise, generate, build, simulate, compare (seeded random inputs).
      const r = await verifyRtl(makeModel(SIZES, 4), 200, {
        options: { lanes: '2' },
        workDir: work,
      });
      assert.equal(r.check?.passed, true, r.check?.summary);
      assert.equal(r.extra?.stepsCompared, 1000);
      const dir = join(work, 'design');
      const exe = join(dir, 'obj_dir', 'Vharness');

      // Random integers in every field, both reset modes, same sizes: no rebuild needed.
      for (let seed = 1; seed <= 8; seed++) {
        const d = await differences(
          exe,
          dir,
          randomProgram(SIZES, { lanes: 2 }, seed),
          6,
          4,
          100 + seed,
        );
        assert.equal(d.first, undefined, `program ${seed}: ${d.first}`);
        assert.equal(d.rtl.totals?.cycles, d.run.cycles);
      }

      // The comparison itself: one changed spike or cycle count is reported where it is.
      const d = await differences(exe, dir, randomProgram(SIZES, { lanes: 2 }, 3), 6, 4, 7);
      const step = d.traces.find((t) => t.spikes[0]!.length > 0)!;
      const rtlStep = d.rtl.steps.get(`${step.input}/${step.step}`)!;
      rtlStep.spikes[0] = rtlStep.spikes[0]!.slice(1);
      assert.match(
        compareStep(step, rtlStep, d.names) ?? '',
        new RegExp(
          `^input ${step.input}, step ${step.step}, layer 0 \\(lif1\\), ` +
            `neuron ${step.spikes[0]![0]}: emulator spiked, RTL did not$`,
        ),
      );
      const lastStep = d.traces[d.traces.length - 1]!;
      const other = d.rtl.steps.get(`${lastStep.input}/${lastStep.step}`)!;
      other.harnessCycles += 1;
      assert.match(
        compareStep(lastStep, other, d.names) ?? '',
        /^input 5, step 3: cycles emulator \d+, RTL \d+/,
      );

      // A missing memory image is an error, never a run with zero weights.
      await unlink(join(dir, 'bmem.hex'));
      await assert.rejects(
        runHarness(exe, dir, join(dir, 'inputs.bin'), join(dir, 'trace.txt')),
        (e: unknown) => e instanceof DynalignError && e.code === 'E_FPGA_IMAGE_MISSING',
      );

      // Booting from the images ($readmemh, as the bitstream does) gives the same spikes; without
      // an image the simulation stops.
      const prog = randomProgram(SIZES, { lanes: 2 }, 21);
      await writeDesign(dir, prog, planResources(prog), STAMP);
      const boot = await buildHarness(dir, { boot: true });
      const b = await differences(boot.exe, dir, prog, 4, 3, 5, true);
      assert.equal(b.first, undefined, b.first);
      await unlink(join(dir, 'wmem.hex'));
      await assert.rejects(
        runHarness(boot.exe, dir, join(dir, 'inputs.bin'), join(dir, 'trace.txt'), { boot: true }),
        (e: unknown) => e instanceof DynalignError && e.code === 'E_FPGA_IMAGE_MISSING',
      );
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
);

test(
  'RTL and emulator agree with shift leak, 24-bit state, 4-bit weights and 8 lanes',
  { skip },
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fpga-rtl-shift-'));
    try {
      const arch = { leak: 'shift', stateBits: 24, weightBits: 4, lanes: 8 } as const;
      const sizes = [5, 11, 9, 4];
      const first = randomProgram(sizes, arch, 1);
      await writeDesign(dir, first, planResources(first), STAMP);
      const build = await buildHarness(dir);
      for (let seed = 1; seed <= 6; seed++) {
        const d = await differences(
          build.exe,
          dir,
          randomProgram(sizes, arch, seed),
          5,
          4,
          200 + seed,
        );
        assert.equal(d.first, undefined, `program ${seed}: ${d.first}`);
        const spikes = d.run.perLayer.reduce((a, l) => a + l.spikes, 0);
        assert.equal(d.rtl.totals?.spikes, spikes);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);

const hasIcarus = (await toolVersion('iverilog')) !== undefined;

test(
  'Icarus Verilog, booting the images, agrees with the emulator as well',
  { skip: hasIcarus ? false : 'iverilog is not installed (apt-get install iverilog)' },
  async () => {
    const work = await mkdtemp(join(tmpdir(), 'fpga-icarus-'));
    try {
      const model = makeModel([6, 8, 3], 6);
      const r = await verifyRtl(model, 6, { options: { simulator: 'icarus' }, workDir: work });
      assert.equal(r.extra?.simulator, 'icarus');
      assert.equal(r.check?.passed, true, r.check?.summary);
      await assert.rejects(
        verifyRtl(model, 1, { options: { simulator: 'modelsim' }, workDir: work }),
        /unknown simulator/,
      );
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
);

test(
  'the board top’s UART bridge writes, reads back four bytes and ignores stray bytes',
  { skip: hasIcarus ? false : 'iverilog is not installed (apt-get install iverilog)' },
  async () => {
    const work = await mkdtemp(join(tmpdir(), 'fpga-uart-'));
    try {
      const sim = new URL('../../../targets/fpga/sim/dl_uart_tb.v', import.meta.url).pathname;
      const rtl = new URL('../../../targets/fpga/rtl/dl_uart_bus.v', import.meta.url).pathname;
      await execa('iverilog', ['-g2012', '-o', 't.vvp', sim, rtl], { cwd: work });
      const r = await execa('vvp', ['-n', 't.vvp'], { cwd: work, reject: false, all: true });
      assert.match(r.all ?? '', /dl_uart_tb: PASS/);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
);
