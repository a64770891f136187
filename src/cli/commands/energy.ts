// `dynalign energy MODEL...`: energy per inference per model × target, with counts and figures.
import type { Command } from 'commander';
import { basename } from 'node:path';
import { loadValidModel } from '../../io/model-file.js';
import { loadEncodedMnist, defaultCacheDir } from '../../data/pipeline.js';
import { extractChain } from '../../ir/chain.js';
import { classifyMode } from '../../encoding/mode.js';
import { runTarget } from '../../demo/target-run.js';
import { quantizeAndEmulate } from '../../emulator/quantize-and-emulate.js';
import { neuroBenchMetrics } from '../../energy/neurobench.js';
import { annEnergy } from '../../energy/baseline.js';
import { formatJoules } from '../../report/demo-table.js';
import { TARGET_NAMES } from '../../targets/registry.js';
import { DynalignError } from '../../util/errors.js';
import { parseTargetList } from '../targets-option.js';
import { emit, log, parseInteger } from '../output.js';

interface EnergyRow {
  model: string;
  mode: string;
  target: string;
  accuracy: number;
  spikes: number;
  synops: number;
  energyPerInferenceJ: number;
  rangeJ: [number, number];
  kind: string;
  latencyS: number | null;
  counts: Record<string, number>;
  perOpJ: Record<string, number>;
}

interface EnergyFlags {
  targets: string;
  limit?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('energy')
    .description(
      'energy per inference of each model on each target (modelled from emulated counts)',
    )
    .argument('<models...>', 'model files (.nirpb, .nir, .json) with an encoder spec')
    .option('--targets <list>', 'comma-separated targets', TARGET_NAMES.join(','))
    .option('--limit <n>', 'emulate n test inputs evenly spaced over the class-ordered split')
    .option('--json', 'print one JSON object')
    .action(async (files: string[], flags: EnergyFlags) => {
      const targets = parseTargetList(flags.targets);
      const limit = flags.limit === undefined ? undefined : parseInteger('--limit', flags.limit, 1);
      const rows: EnergyRow[] = [];
      const networks = [];
      for (const file of files) {
        const model = await loadValidModel(file);
        if (!model.encoder) {
          throw new DynalignError('E_MODEL_RECORD', 'model has no encoder spec to encode MNIST', {
            file,
            fix: 'use a model written by `dynalign train`',
          });
        }
        const mode = classifyMode(model.encoder.sigmaLambda);
        const data = await loadEncodedMnist(model.encoder, {
          cacheDir: defaultCacheDir(),
          ...(limit === undefined ? {} : { limitTest: limit }),
          onProgress: log,
        });
        const chain = extractChain(model);
        const int8 = await quantizeAndEmulate(model, data.test, 'int');
        networks.push({
          model: file,
          mode,
          metrics: neuroBenchMetrics(chain.layers, int8),
          annEquivalent: annEnergy(chain.layers),
        });
        for (const t of targets) {
          const r = await runTarget(t, model, data.test, { say: log });
          rows.push({
            model: file,
            mode,
            target: t,
            accuracy: r.accuracy,
            spikes: r.perInference.spikes,
            synops: r.perInference.synops + r.perInference.macs,
            energyPerInferenceJ: r.energy.energyPerInferenceJ,
            rangeJ: r.energy.rangeJ,
            kind: r.energy.kind,
            latencyS: r.energy.latencyS ?? null,
            counts: r.energy.counts,
            perOpJ: r.energy.perOpJ,
          });
        }
      }
      emit(flags.json === true, { rows, networks }, () =>
        rows
          .map(
            (r) =>
              `${basename(r.model).padEnd(22)} ${r.mode.padEnd(11)} ${r.target.padEnd(9)} ` +
              `acc ${(100 * r.accuracy).toFixed(2)} %  spikes ${r.spikes.toFixed(1)}  ` +
              `E ${formatJoules(r.energyPerInferenceJ)} ` +
              `[${formatJoules(r.rangeJ[0])} – ${formatJoules(r.rangeJ[1])}] ${r.kind}`,
          )
          .join('\n'),
      );
    });
}
