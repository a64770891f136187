// Synthesis and place-and-route: yosys → nextpnr-ice40 → icebram → icepack for the UP5K, with
// the icebram fast path (--reuse-bitstream DIR), or a Yosys ECP5 estimate for --part generic.
import { execa } from 'execa';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DynalignError } from '../../../src/util/errors.js';
import { requireTool, toolVersion } from '../../../src/util/tools.js';
import type { Part } from './arch.js';
import type { FpgaProgram } from './quantize.js';
import type { ResourcePlan } from './resources.js';
import { layoutKey, type SynthReport } from './manifest.js';
import { RTL_MODULES } from './verilog.js';
import { parseNextpnrLog, parseYosysStat } from './synth-report.js';

type Options = Record<string, string | number | boolean>;
// Images the bitstream carries, by the placeholder they replace (README §5).
const IMAGES = ['wmem', 'bmem', 'params'] as const;
// The board clock nextpnr is asked to meet (iCEBreaker oscillator, MHz).
const TARGET_MHZ = 12;

/** Synthesis runs unless --no-synth is given. */
export function wantsSynthesis(o: Options): boolean {
  return o.noSynth !== true && o.synth !== false && o.synth !== 'false';
}

/** Every tool the flow calls must be installed before anything is written (exit 2 otherwise). */
export async function checkSynthTools(part: Part): Promise<void> {
  await requireTool('yosys');
  if (part !== 'up5k') return;
  await requireTool('nextpnr-ice40');
  await requireTool('icepack');
  if ((await toolVersion('icepack')) !== undefined) {
    const r = await execa('icebram', ['-g', '16', '256'], { reject: false });
    if (r.exitCode !== 0) {
      throw new DynalignError('E_TOOL_MISSING', "system tool 'icebram' is not installed", {
        field: 'icebram',
        fix: 'install it: apt-get install fpga-icestorm',
      });
    }
  }
}

/** Run the flow in `dir` (the compile folder being built); returns what the tools reported. */
export async function runSynthesis(
  dir: string,
  prog: FpgaProgram,
  plan: ResourcePlan,
  o: Options,
  notes: string[],
): Promise<SynthReport> {
  const reuse = typeof o.reuseBitstream === 'string' ? resolve(o.reuseBitstream) : undefined;
  if (prog.arch.part === 'generic') return synthGeneric(dir, plan, notes);
  if (reuse) return swapIntoBitstream(dir, reuse, prog, plan, notes);
  return synthUp5k(dir, plan, notes);
}

async function run(
  cmd: string,
  args: string[],
  dir: string,
  log: string,
  stdin?: string,
): Promise<string> {
  const r = await execa(cmd, args, {
    cwd: dir,
    reject: false,
    all: true,
    ...(stdin ? { inputFile: join(dir, stdin) } : {}),
  });
  await writeFile(join(dir, log), r.all ?? '');
  if (r.exitCode !== 0) {
    throw new DynalignError('E_FPGA_FLOW', `${cmd} failed (exit ${r.exitCode})`, {
      file: join(dir, log),
      value: (r.all ?? '').trim().split('\n').slice(-3).join(' | '),
      fix: `read ${log} in the output folder; the design may not fit or a tool may be too old`,
    });
  }
  return r.all ?? '';
}

async function timed<T>(
  seconds: Record<string, number>,
  key: string,
  f: () => Promise<T>,
): Promise<T> {
  const t0 = performance.now();
  const v = await f();
  seconds[key] = Math.round((performance.now() - t0) / 10) / 100;
  return v;
}

async function synthUp5k(dir: string, plan: ResourcePlan, notes: string[]): Promise<SynthReport> {
  const seconds: Record<string, number> = {};

  // Placeholder images: random contents icebram can find in the placed design later.
  for (const name of IMAGES) {
    const mem = plan.memories.find((m) => m.image === `${name}.hex`);
    if (!mem?.inBitstream) continue;
    const r = await execa('icebram', ['-g', String(mem.width), String(mem.depth)], { cwd: dir });
    await writeFile(join(dir, `${name}.placeholder.hex`), r.stdout + '\n');
  }

  // yosys, nextpnr (UP5K, SG48 package of the iCEBreaker), icebram swaps, icepack.
  const spram = plan.memories.some((m) => m.placement === 'spram') ? ' -spram' : '';
  const script =
    `read_verilog ${RTL_MODULES.join(' ')} dl_accel.v dl_top.v; ` +
    `synth_ice40 -top dl_top -dsp${spram} -json dl_top.json; stat`;
  const ylog = await timed(seconds, 'yosys', () => run('yosys', ['-p', script], dir, 'yosys.log'));
  const plog = await timed(seconds, 'nextpnr', () =>
    run(
      'nextpnr-ice40',
      [
        '--up5k',
        '--package',
        'sg48',
        '--json',
        'dl_top.json',
        '--pcf',
        'up5k.pcf',
        '--asc',
        'dl_top.placeholder.asc',
        '--freq',
        String(TARGET_MHZ),
        '--seed',
        '1',
      ],
      dir,
      'nextpnr.log',
    ),
  );
  await rm(join(dir, 'dl_top.json'));
  await timed(seconds, 'icebram', () => swapImages(dir, plan, 'dl_top.placeholder.asc'));
  await timed(seconds, 'icepack', () =>
    run('icepack', ['dl_top.asc', 'dl_top.bin'], dir, 'icepack.log'),
  );
  const pnr = parseNextpnrLog(plog);
  notes.push(
    `UP5K: ${pnr.logicCells} LCs, ${pnr.ebr} EBR, ${pnr.spram} SPRAM, ${pnr.dsp} DSP, ` +
      `Fmax ${pnr.fmaxMHz} MHz`,
  );
  return {
    part: 'up5k',
    tools: await versions(['yosys', 'nextpnr-ice40']),
    cells: parseYosysStat(ylog),
    ...pnr,
    bitstream: 'dl_top.bin',
    seconds,
  };
}

/** Replace each placeholder image in the placed design by the real one (icebram). */
async function swapImages(dir: string, plan: ResourcePlan, fromAsc: string): Promise<void> {
  let cur = fromAsc;
  const present = IMAGES.filter((n) =>
    plan.memories.some((m) => m.image === `${n}.hex` && m.inBitstream),
  );
  for (const [k, name] of present.entries()) {
    const next = k === present.length - 1 ? 'dl_top.asc' : `dl_top.swap${k}.asc`;
    const r = await execa('icebram', [`${name}.placeholder.hex`, `${name}.hex`], {
      cwd: dir,
      inputFile: join(dir, cur),
      reject: false,
      encoding: 'buffer',
    });
    if (r.exitCode !== 0) {
      throw new DynalignError('E_FPGA_FLOW', `icebram could not place ${name}.hex`, {
        file: join(dir, cur),
        value: Buffer.from(r.stderr as Uint8Array)
          .toString()
          .trim()
          .split('\n')
          .slice(-2)
          .join(' | '),
        fix: 'recompile without --reuse-bitstream',
      });
    }
    await writeFile(join(dir, next), r.stdout as Uint8Array);
    if (cur !== fromAsc) await rm(join(dir, cur));
    cur = next;
  }
  if (present.length === 0) await copyFile(join(dir, fromAsc), join(dir, 'dl_top.asc'));
}

/** The fast path: same layout, new weights → icebram into the earlier placed design. */
async function swapIntoBitstream(
  dir: string,
  from: string,
  prog: FpgaProgram,
  plan: ResourcePlan,
  notes: string[],
): Promise<SynthReport> {
  const seconds: Record<string, number> = {};
  let old: { layoutKey?: string; resources?: { synthesis?: SynthReport } };
  try {
    old = JSON.parse(await readFile(join(from, 'manifest.json'), 'utf8'));
  } catch (cause) {
    throw new DynalignError('E_FPGA_REUSE', 'no compiled design to reuse', {
      file: join(from, 'manifest.json'),
      fix: 'pass the --out folder of an earlier dynalign compile --target fpga',
      cause,
    });
  }
  const key = layoutKey(prog, plan);
  if (old.layoutKey !== key || !old.resources?.synthesis?.bitstream) {
    throw new DynalignError(
      'E_FPGA_REUSE',
      'the earlier design has another layout; weights alone cannot be swapped',
      {
        file: join(from, 'manifest.json'),
        field: 'layoutKey',
        value: old.layoutKey,
        fix: 'recompile without --reuse-bitstream (sizes, widths or lanes changed)',
      },
    );
  }
  if (!plan.memories.every((m) => m.image === undefined || m.inBitstream)) {
    throw new DynalignError(
      'E_FPGA_REUSE',
      'weights live in SPRAM, which the bitstream does not carry',
      {
        field: '--reuse-bitstream',
        fix: 'load new weights over the bus (dynalign deploy); the bitstream need not change',
      },
    );
  }
  for (const f of ['dl_top.placeholder.asc', ...IMAGES.map((n) => `${n}.placeholder.hex`)]) {
    await copyFile(join(from, f), join(dir, f)).catch(() => undefined);
  }
  await timed(seconds, 'icebram', () => swapImages(dir, plan, 'dl_top.placeholder.asc'));
  await timed(seconds, 'icepack', () =>
    run('icepack', ['dl_top.asc', 'dl_top.bin'], dir, 'icepack.log'),
  );
  const prev = old.resources.synthesis;
  notes.push(
    `weights swapped into the bitstream of ${from} in ${seconds.icebram} s (no place and route)`,
  );
  return { ...prev, bitstream: 'dl_top.bin', reusedFrom: from, seconds };
}

async function synthGeneric(
  dir: string,
  plan: ResourcePlan,
  notes: string[],
): Promise<SynthReport> {
  const seconds: Record<string, number> = {};
  for (const name of IMAGES) {
    if (plan.memories.some((m) => m.image === `${name}.hex`)) {
      await copyFile(join(dir, `${name}.hex`), join(dir, `${name}.placeholder.hex`));
    }
  }
  const sources = `${RTL_MODULES.join(' ')} dl_accel.v dl_top.v`;
  const script = `read_verilog ${sources}; synth_ecp5 -top dl_top; stat`;
  const ylog = await timed(seconds, 'yosys', () => run('yosys', ['-p', script], dir, 'yosys.log'));
  const cells = parseYosysStat(ylog);
  const shown = ['LUT4', 'TRELLIS_FF', 'DP16KD', 'MULT18X18D'].map((c) => `${cells[c] ?? 0} ${c}`);
  notes.push(`generic (Yosys synth_ecp5 estimate): ${shown.join(', ')}`);
  return {
    part: 'generic (Yosys synth_ecp5 estimate)',
    tools: await versions(['yosys']),
    cells,
    seconds,
  };
}

async function versions(names: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const n of names) out[n] = (await toolVersion(n)) ?? 'unknown';
  return out;
}
