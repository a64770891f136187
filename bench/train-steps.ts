// Where a trained network spends its spikes: spikes per inference of every layer at every time
// step on the test split, for the model files in $DYNALIGN_BENCH_MODELS (comma-separated;
// default the two shipped networks). Shows how much activity the loss asks for after the
// input has decayed (the dissipative encoder's trajectory is near 0 from the second step on).
import { defaultCacheDir, loadEncodedMnist } from '../src/data/pipeline.js';
import { extractChain } from '../src/ir/chain.js';
import { loadModel } from '../src/io/model-file.js';
import { loadTf } from '../src/train/backend.js';
import { gatherTimeMajor } from '../src/train/batches.js';
import type { LayerParams } from '../src/train/init.js';
import { makeMatMul } from '../src/train/matmul.js';
import { snnForward } from '../src/train/snn.js';

const DEFAULT_MODELS = 'models/expansive.nirpb,models/dissipative.nirpb';
const BATCH = 256;

/** Print one line per model and layer: spikes per inference at steps 1..T and in total. */
export async function run(): Promise<void> {
  const mm = makeMatMul((await loadTf()).tf);
  const files = (process.env.DYNALIGN_BENCH_MODELS ?? DEFAULT_MODELS).split(',');
  for (const file of files) {
    const model = await loadModel(file);
    const chain = extractChain(model);
    const layers: LayerParams[] = chain.layers.map((c) => ({
      nIn: c.nIn,
      nOut: c.nOut,
      weight: Float32Array.from(c.weight),
      bias: Float32Array.from(c.bias),
      beta: Float32Array.of(c.beta[0]!),
      threshold: Float32Array.of(c.vThreshold[0]!),
    }));
    const net = { layers, reset: model.discretisation?.reset ?? 'subtract' };
    const test = (await loadEncodedMnist(model.encoder!, { cacheDir: defaultCacheDir() })).test;

    // Sum spikes per layer and step over the whole test split, batch by batch.
    const perStep = layers.map(() => new Float64Array(test.steps));
    const order = Int32Array.from({ length: test.n }, (_, i) => i);
    for (let start = 0; start < test.n; start += BATCH) {
      const b = gatherTimeMajor(test, order, start, Math.min(start + BATCH, test.n));
      const fwd = snnForward(net, b.x, test.steps, b.batch, mm);
      fwd.traces.forEach((tr, k) => {
        const per = tr.spk.length / test.steps;
        for (let t = 0; t < test.steps; t++) {
          for (let i = t * per; i < (t + 1) * per; i++) perStep[k]![t]! += tr.spk[i]!;
        }
      });
    }
    const loss = String(model.training?.config.loss ?? '?');
    process.stdout.write(`${file} (loss ${loss}, δ ${model.encoder?.params.delta})\n`);
    perStep.forEach((steps, k) => {
      const cells = Array.from(steps, (s) => (s / test.n).toFixed(1).padStart(7));
      const total = (steps.reduce((a, s) => a + s, 0) / test.n).toFixed(1);
      process.stdout.write(`  layer ${k + 1}: per step ${cells.join(' ')}  total ${total}\n`);
    });
  }
}
