// `dynalign compile MODEL --target fpga`: Verilog, memory images, harness, manifest, and for the
// UP5K the bitstream; the whole folder appears at once or not at all.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IrModel } from '../../../src/ir/model.js';
import type { CompileOptions, CompileResult } from '../../../src/targets/adapter.js';
import { writeDirAtomic } from '../../../src/util/atomic.js';
import { DynalignError } from '../../../src/util/errors.js';
import { buildImages, configBlob, toHex } from './images.js';
import { inputsFile } from './inputs-file.js';
import { quantizeInputs } from './input-scale.js';
import { buildManifest, type SynthReport } from './manifest.js';
import { prepare } from './prepare.js';
import { planResources, type ResourcePlan } from './resources.js';
import { makeStamp, stampLine, type Stamp } from './stamp.js';
import type { FpgaProgram } from './quantize.js';
import { checkSynthTools, runSynthesis, wantsSynthesis } from './synth.js';
import { pcfFile, verilogFiles } from './verilog.js';

const HARNESS = fileURLToPath(new URL('../sim/harness.cpp', import.meta.url));
const TESTBENCH = fileURLToPath(new URL('../sim/dl_tb.v', import.meta.url));

/** Verilog, constraints, memory images, config blob and harness of a program, into `dir`. */
export async function writeDesign(
  dir: string,
  prog: FpgaProgram,
  plan: ResourcePlan,
  stamp: Stamp,
): Promise<void> {
  const { arch } = prog;
  const images = buildImages(prog);
  const files: Record<string, string | Uint8Array> = {
    ...verilogFiles(prog, plan, stamp),
    'up5k.pcf': pcfFile(stamp),
    'wmem.hex': toHex(images.wmem, arch.lanes * arch.weightBits, depthOf(plan, 'WMEM')),
    'bmem.hex': toHex(images.bmem, arch.stateBits, depthOf(plan, 'BMEM')),
    'params.hex': toHex(images.params, 32, depthOf(plan, 'PMEM')),
    'config.bin': configBlob(prog, images),
    'harness.cpp': `${stampLine(stamp)}\n${await readFile(HARNESS, 'utf8')}`,
    'dl_tb.v': `${stampLine(stamp)}\n${await readFile(TESTBENCH, 'utf8')}`,
  };
  for (const [name, data] of Object.entries(files)) await writeFile(join(dir, name), data);
}

function depthOf(plan: ResourcePlan, name: string): number {
  return plan.memories.find((m) => m.name === name)!.depth;
}

/** Compile a model for the FPGA target into opts.outDir. */
export async function compileFpga(model: IrModel, opts: CompileOptions): Promise<CompileResult> {
  const o = opts.options ?? {};
  const { arch, prog, inputScaleSource } = prepare(model, o);
  const plan = planResources(prog);
  // A network too large for the UP5K is refused when a bitstream is asked for; with --no-synth
  // the RTL is still written (for simulation or a larger part) and the misfit is a note.
  const synth = wantsSynthesis(o);
  const misfit = arch.part === 'up5k' && !plan.fits;
  const needs = `the network does not fit the iCE40 UP5K: it needs ${plan.problems.join(', ')}`;
  const wouldFit = `what would fit: ${plan.suggestions.join('; ')}`;
  if (misfit && synth) {
    throw new DynalignError('E_FPGA_FIT', needs, {
      field: 'network',
      value: prog.layers.map((l) => l.nOut),
      fix: wouldFit,
    });
  }
  if (synth) await checkSynthTools(arch.part);
  const stamp = makeStamp(model, opts.modelPath);
  const notes: string[] = misfit ? [`${needs}; ${wouldFit}`] : [];
  let report: SynthReport | undefined;

  await writeDirAtomic(opts.outDir, async (dir) => {
    await writeDesign(dir, prog, plan, stamp);
    if (opts.inputs) {
      const codes = quantizeInputs(opts.inputs, prog.inputScale);
      const { n, steps, channels } = opts.inputs;
      await writeFile(join(dir, 'inputs.bin'), inputsFile(codes, n, steps, channels));
    }

    // Synthesis, place and route (or the icebram fast path) for the chosen part.
    if (synth) report = await runSynthesis(dir, prog, plan, o, notes);
    const manifest = await buildManifest(dir, { stamp, prog, plan, inputScaleSource, report });
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  });

  if (!synth) notes.push('synthesis skipped (--no-synth): no bitstream, resources are estimates');
  if (arch.part === 'up5k') {
    const weights = plan.memories[0]!.placement.toUpperCase();
    notes.push(`UP5K memories: ${plan.ebr} EBR, ${plan.spram} SPRAM; weights in ${weights}`);
  }
  return { artefacts: (await readdir(opts.outDir)).sort(), notes };
}
