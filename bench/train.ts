// Training speed of the paper network (21 → 500 → 500 → 500 → 10, 5 steps, batch 32) on this
// machine's tfjs backend: samples per second of full training steps and where the time goes.
import { loadTf } from '../src/train/backend.js';
import { createSnnLearner } from '../src/train/snn-learner.js';
import { createAdam } from '../src/train/adam.js';
import { initLayers, layerSizes } from '../src/train/init.js';
import { makeMatMul } from '../src/train/matmul.js';
import { formatProfile, timed, type Profile } from '../src/train/profile.js';
import { mulberry32 } from '../src/util/random.js';

const BATCH = 32;
const STEPS = 5;
const CHANNELS = 21;
const WARMUP = 5;
const MEASURED = 60;

/** Print samples/s and the share of each phase (matmul, lif, adam, transpose, loss, gather). */
export async function run(): Promise<void> {
  const { tf, info } = await loadTf();
  const rand = mulberry32(1);
  const n = BATCH * (WARMUP + MEASURED);
  const set = {
    n,
    steps: STEPS,
    channels: CHANNELS,
    data: Float32Array.from({ length: n * STEPS * CHANNELS }, () => 4 * rand() - 2),
    labels: Uint8Array.from({ length: n }, (_, i) => i % 10),
  };
  const net = {
    layers: initLayers(layerSizes(CHANNELS, 500, 3, 10), 1),
    reset: 'subtract' as const,
  };
  const learner = createSnnLearner(net, makeMatMul(tf));
  const adam = createAdam(learner.params, { lr: 5e-4 });
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const prof: Profile = {};
  let t0 = 0;
  for (let b = 0; b < WARMUP + MEASURED; b++) {
    if (b === WARMUP) t0 = performance.now();
    const p = b >= WARMUP ? prof : undefined;
    const g = learner.gradients(set, order, b * BATCH, (b + 1) * BATCH, p);
    timed(p, 'adam', () => adam.step(g.grads));
    learner.afterStep?.();
  }
  const seconds = (performance.now() - t0) / 1000;
  const perStep = (k: string) => ((prof[k] ?? 0) / MEASURED).toFixed(2);
  process.stdout.write(
    `backend ${info.backend} (${info.package} ${info.version})\n` +
      `paper network 21-500-500-500-10, T ${STEPS}, batch ${BATCH}: ` +
      `${((MEASURED * BATCH) / seconds).toFixed(0)} samples/s over ${MEASURED} steps\n` +
      `time per step: matmul ${perStep('matmul')} ms, lif ${perStep('lif')} ms, ` +
      `adam ${perStep('adam')} ms, transpose ${perStep('transpose')} ms, ` +
      `loss ${perStep('loss')} ms\n` +
      `shares: ${formatProfile(prof)}\n`,
  );
}
