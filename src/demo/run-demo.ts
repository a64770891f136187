// The main job: for each mode, load (or train) the network, emulate it quantised and on every
// target, write the deployment artefacts and model energy per inference.
import { basename, extname, join } from 'node:path';
import type { IrModel } from '../ir/model.js';
import { extractChain } from '../ir/chain.js';
import { loadValidModel, saveModel } from '../io/model-file.js';
import { loadEncodedMnist, defaultCacheDir } from '../data/pipeline.js';
import type { TargetName } from '../targets/adapter.js';
import { perInference } from '../emulator/result.js';
import { annEnergy, denseSynops } from '../energy/baseline.js';
import { DEMO_MODES, type DemoMode } from './modes.js';
import type { DemoResult, ModeRow, TargetRow } from './types.js';
import { runTarget } from './target-run.js';
import { evaluateFloat } from '../train/evaluate-float.js';
import { quantizeAndEmulate } from '../emulator/quantize-and-emulate.js';
import { retrainLike } from './train-demo.js';
import { rasterOf } from './raster.js';
import { renderReport } from '../report/html.js';
import type { LandscapePoint } from '../report/plots.js';
import { writeFileAtomic } from '../util/atomic.js';
import { DynalignError } from '../util/errors.js';

export interface DemoOptions {
  outDir: string;
  retrain: boolean;
  /** Test inputs to run (default: the whole test split). */
  limit?: number;
  targets: readonly TargetName[];
  /** Folder holding dissipative.nirpb and expansive.nirpb (default: the shipped models/). */
  modelsDir?: string;
  /** Model files to run instead of the two demo modes (`dynalign report --models`). */
  modelFiles?: string[];
  /** Write each target's artefacts and the models (default true). */
  compile?: boolean;
  /** Where the HTML report goes (default outDir/report.html) and the sweep it plots. */
  reportPath?: string;
  sweep?: LandscapePoint[];
  onProgress?: (line: string) => void;
}

/**
 * The demo keeps to minutes: the FPGA design is generated for the generic part and not
 * synthesised, since the 500-wide demo networks need 16 SPRAM blocks and a UP5K has 4
 * (`dynalign train --hidden 128 --depth 2` networks fit; `dynalign compile --target fpga`
 * runs Yosys, nextpnr and icepack for them).
 */
const DEMO_COMPILE_OPTIONS: Partial<Record<TargetName, Record<string, string | number | boolean>>> =
  { fpga: { noSynth: true, part: 'generic' } };

/** Run the whole pipeline for both modes. */
export async function runDemo(opts: DemoOptions): Promise<DemoResult> {
  const t0 = performance.now();
  const modes: ModeRow[] = [];
  const counts: number[] = [];
  const entries: DemoMode[] = opts.modelFiles
    ? opts.modelFiles.map((f) => ({
        mode: basename(f, extname(f)),
        delta: Number.NaN,
        modelPath: f,
      }))
    : [...DEMO_MODES];
  for (const m of entries) {
    const { row, n } = await runMode(m, opts);
    modes.push(row);
    counts.push(n);
  }
  const result: DemoResult = { testInputs: counts[0] ?? 0, modes, seconds: 0 };

  // The report page goes beside the artefacts.
  const report = opts.reportPath ?? join(opts.outDir, 'report.html');
  const page = await renderReport({ demo: result, ...(opts.sweep ? { sweep: opts.sweep } : {}) });
  await writeFileAtomic(report, page);
  result.report = report;
  result.seconds = (performance.now() - t0) / 1000;
  return result;
}

async function runMode(m: DemoMode, opts: DemoOptions): Promise<{ row: ModeRow; n: number }> {
  const say = (s: string) => opts.onProgress?.(`[${m.mode}] ${s}`);
  const modeDir = join(opts.outDir, m.mode);
  const modelOut = join(modeDir, 'model.nirpb');

  // The network: shipped, or trained from scratch with the demo configuration.
  const file =
    opts.modelsDir && !opts.modelFiles ? join(opts.modelsDir, `${m.mode}.nirpb`) : m.modelPath;
  const shipped = await loadValidModel(file);
  const model: IrModel = opts.retrain
    ? await retrainLike(shipped, file, { onProgress: say, cacheDir: defaultCacheDir() })
    : shipped;
  if (opts.compile !== false) await saveModel(modelOut, model);
  if (!model.encoder) {
    throw new DynalignError('E_MODEL_RECORD', 'model has no encoder spec', {
      file,
      fix: 'use a model written by `dynalign train`',
    });
  }

  // The test split encoded with the network's own encoder (its δ sets the mode).
  const data = await loadEncodedMnist(model.encoder, {
    cacheDir: defaultCacheDir(),
    limitTest: opts.limit,
    onProgress: say,
  });
  const test = data.test;

  // Float reference, then the generic int8 profile.
  say(`float evaluation of ${test.n} test inputs`);
  const float = evaluateFloat(model, test);
  say(`quantised (int8) emulation`);
  const quant = await quantizeAndEmulate(model, test, 'int');
  const raster = await rasterOf(model, test, 0);

  // Every target: artefacts, bit-exact emulation, energy.
  const targets: Partial<Record<TargetName, TargetRow>> = {};
  for (const name of opts.targets) {
    targets[name] = await runTarget(name, model, test, {
      ...(opts.compile === false ? {} : { outDir: join(modeDir, name) }),
      say,
      ...(DEMO_COMPILE_OPTIONS[name] ? { compileOptions: DEMO_COMPILE_OPTIONS[name] } : {}),
    });
  }

  const chain = extractChain(model);
  const shapes = chain.layers.map((l) => ({ nIn: l.nIn, nOut: l.nOut }));
  const q = perInference(quant);
  const energyPerInferenceJ: Record<string, number> = {};
  const energyRangeJ: Record<string, [number, number]> = {};
  for (const [name, row] of Object.entries(targets)) {
    energyPerInferenceJ[name] = row.energy.energyPerInferenceJ;
    energyRangeJ[name] = row.energy.rangeJ;
  }
  const ann = annEnergy(shapes);
  energyPerInferenceJ.annEquivalent = ann.fp32J;
  energyPerInferenceJ.annWithSramReads = ann.withReadsJ;
  const row: ModeRow = {
    mode: m.mode,
    delta: model.encoder.params.delta ?? m.delta,
    sigmaLambda: model.encoder.sigmaLambda,
    model: opts.compile === false ? file : modelOut,
    floatAccuracy: float.accuracy,
    quantizedAccuracy: quant.accuracy ?? Number.NaN,
    spikesPerInference: q.spikes,
    synopsPerInference: q.synops + q.macs,
    denseSynopsPerInference: denseSynops(shapes, test.steps),
    energyPerInferenceJ,
    energyRangeJ,
    annEquivalent: ann,
    targets,
    raster,
    artefacts: Object.fromEntries(
      Object.entries(targets).map(([k, v]) => [k, v.artefacts.map((a) => join(modeDir, k, a))]),
    ),
  };
  return { row, n: test.n };
}

