// The second simulator: Icarus Verilog runs dl_tb.v on the same design (images booted with
// $readmemh) and writes the same trace as the Verilator harness.
import { execa } from 'execa';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynalignError, CheckFailedError } from '../../../src/util/errors.js';
import { requireTool } from '../../../src/util/tools.js';
import type { FpgaProgram } from './quantize.js';
import { RTL_MODULES } from './verilog.js';

/** Compile and run dl_tb.v in `dir` on input codes; trace.txt lands in `dir`. */
export async function runIcarus(
  dir: string,
  prog: FpgaProgram,
  codes: Int8Array,
  n: number,
  steps: number,
): Promise<{ seconds: number; ticks: number; buildSeconds: number }> {
  await requireTool('iverilog');
  const hex = Array.from(codes, (v) => (v & 0xff).toString(16).padStart(2, '0')).join('\n');
  await writeFile(join(dir, 'inputs.hex'), hex + '\n');

  // Sizes of the testbench's arrays, then compile with the boot images.
  const maxOut = Math.max(...prog.layers.map((l) => l.nOut));
  const sizes = [
    `MAXCODES=${Math.max(1, codes.length)}`,
    `MAXL=${prog.layers.length}`,
    `MAXN=${maxOut}`,
  ];
  const sources = ['dl_tb.v', 'dl_accel.v', ...RTL_MODULES.filter((f) => f !== 'dl_uart_bus.v')];
  const t0 = performance.now();
  const build = await execa(
    'iverilog',
    [
      '-g2012',
      '-DDL_BOOT',
      '-s',
      'dl_tb',
      '-o',
      'dl_tb.vvp',
      ...sizes.map((s) => `-Pdl_tb.${s}`),
      ...sources,
    ],
    { cwd: dir, reject: false, all: true },
  );
  if (build.exitCode !== 0) {
    throw new DynalignError('E_ICARUS_BUILD', 'iverilog could not compile the design', {
      file: dir,
      value: (build.all ?? '').trim().split('\n').slice(-4).join(' | '),
    });
  }
  const buildSeconds = (performance.now() - t0) / 1000;

  // Run: a missing image stops the simulation with $fatal.
  const t1 = performance.now();
  const args = ['dl_tb.vvp', `+n=${n}`, `+steps=${steps}`, `+channels=${prog.nInputs}`];
  const r = await execa('vvp', ['-n', ...args], { cwd: dir, reject: false, all: true });
  const seconds = (performance.now() - t1) / 1000;
  const out = r.all ?? '';
  if (/missing memory image|is missing/.test(out)) {
    throw new DynalignError('E_FPGA_IMAGE_MISSING', 'a memory image is missing', {
      file: dir,
      value: out.trim().split('\n').slice(-2).join(' | '),
      fix: 'compile the model again; never run the core without its images',
    });
  }
  const m = /(\d+) clock cycles simulated/.exec(out);
  if (r.exitCode !== 0 || !m) {
    throw new CheckFailedError('E_RTL_RUN', `the Icarus testbench failed (exit ${r.exitCode})`, {
      file: dir,
      value: out.trim().split('\n').slice(-3).join(' | '),
    });
  }
  return { seconds, ticks: Number(m[1]), buildSeconds };
}
