// Build the Verilator model of a compiled design and run its harness (through execa).
import { execa } from 'execa';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DynalignError, CheckFailedError } from '../../../src/util/errors.js';
import { requireTool } from '../../../src/util/tools.js';

// Build with -O1: a small design builds in seconds and still simulates millions of cycles/s.
const CFLAGS = '-O1';

export interface BuildResult {
  exe: string;
  seconds: number;
}

/** Verilate the design in `dir` (dl_accel as top) with the C++ harness; DL_BOOT for --boot. */
export async function buildHarness(
  dir: string,
  opts: { boot?: boolean } = {},
): Promise<BuildResult> {
  await requireTool('verilator');
  const skip = ['dl_top.v', 'dl_tb.v', 'dl_uart_bus.v'];
  const sources = (await readdir(dir)).filter((f) => f.endsWith('.v') && !skip.includes(f)).sort();
  const mdir = opts.boot ? 'obj_boot' : 'obj_dir';
  const args = [
    '--cc',
    '--exe',
    '--build',
    '-j',
    '2',
    '-Wno-fatal',
    '-Wno-lint',
    '-Wno-style',
    '--top-module',
    'dl_accel',
    '-Mdir',
    mdir,
    '-CFLAGS',
    CFLAGS,
    '-o',
    'Vharness',
    ...(opts.boot ? ['-DDL_BOOT'] : []),
    'harness.cpp',
    ...sources,
  ];
  const t0 = performance.now();
  const r = await execa('verilator', args, { cwd: dir, reject: false, all: true });
  if (r.exitCode !== 0) {
    throw new DynalignError('E_VERILATOR_BUILD', 'verilator could not build the design', {
      file: dir,
      value: lastLines(r.all ?? '', 8),
      fix: 'see the Verilator messages above; the generated Verilog may be for another version',
    });
  }
  return { exe: join(dir, mdir, 'Vharness'), seconds: (performance.now() - t0) / 1000 };
}

/** Run the harness on an inputs file; returns wall seconds and the simulated cycle count. */
export async function runHarness(
  exe: string,
  dir: string,
  inputs: string,
  trace: string,
  opts: { boot?: boolean } = {},
): Promise<{ seconds: number; ticks: number }> {
  const t0 = performance.now();
  const r = await execa(exe, [dir, inputs, trace, ...(opts.boot ? ['--boot'] : [])], {
    cwd: dir,
    reject: false,
    all: true,
  });
  const seconds = (performance.now() - t0) / 1000;
  const out = r.all ?? '';
  if (r.exitCode !== 0) {
    const msg = lastLines(out, 4);
    if (/missing memory image|is missing/.test(out)) {
      throw new DynalignError('E_FPGA_IMAGE_MISSING', 'a memory image is missing', {
        file: dir,
        value: msg,
        fix: 'compile the model again; never run the core without its images',
      });
    }
    throw new CheckFailedError('E_RTL_RUN', `the RTL harness failed (exit ${r.exitCode})`, {
      file: dir,
      value: msg,
    });
  }
  const m = /(\d+) clock cycles simulated/.exec(out);
  return { seconds, ticks: m ? Number(m[1]) : 0 };
}

function lastLines(s: string, n: number): string {
  return s.trim().split('\n').slice(-n).join(' | ');
}
