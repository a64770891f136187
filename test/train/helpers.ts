// Test helpers: small random networks and data, and an autograd reference of the snnTorch
// network written with tfjs ops (tf.grads), which the hand-written BPTT must reproduce.
import type { GradSaveFunc, Tensor } from '@tensorflow/tfjs';
import type { EncodedSet } from '../../src/encoding/encoder.js';
import type { Tf } from '../../src/train/backend.js';
import { initLayers, type LayerParams } from '../../src/train/init.js';
import { ATAN_ALPHA, type ResetMode } from '../../src/train/lif.js';
import { mulberry32 } from '../../src/util/random.js';

/** Layers of the given widths with β and θ set away from their initial values. */
export function makeLayers(sizes: number[], seed: number, scale = 1): LayerParams[] {
  const rand = mulberry32(seed + 7);
  return initLayers(sizes, seed).map((l) => {
    l.weight.forEach((v, i) => (l.weight[i] = v * scale));
    l.beta[0] = 0.6 + 0.35 * rand();
    l.threshold[0] = 0.5 + 0.5 * rand();
    return l;
  });
}

/** Random encoded set [n][steps][channels] with labels, values in [−amp, amp]. */
export function makeSet(
  n: number,
  steps: number,
  channels: number,
  seed: number,
  amp = 2,
): EncodedSet {
  const rand = mulberry32(seed);
  const data = Float32Array.from({ length: n * steps * channels }, () => (2 * rand() - 1) * amp);
  const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
  return { n, steps, channels, data, labels };
}

/**
 * Loss and gradients of the snnTorch network by tfjs autograd: Leaky with β clamped to [0, 1],
 * detached reset from the previous membrane, ATan surrogate, CE over steps on output spikes.
 */
export function autogradReference(
  tf: Tf,
  layers: LayerParams[],
  x: Float32Array,
  steps: number,
  batch: number,
  labels: ArrayLike<number>,
  reset: ResetMode,
  target: 'spikes' | 'membrane' = 'spikes',
): { loss: number; grads: Float32Array[] } {
  const k = (Math.PI / 2) * ATAN_ALPHA;
  const heaviside = (u: Tensor): Tensor => tf.cast(tf.greater(u, 0), 'float32');
  const spike = tf.customGrad((...args: Array<Tensor | GradSaveFunc>) => {
    const u = args[0] as Tensor;
    (args[1] as GradSaveFunc)([u]);
    return {
      value: heaviside(u),
      gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) =>
        tf.mul(dy as Tensor, tf.div(ATAN_ALPHA / 2, tf.add(1, tf.square(tf.mul(k, saved[0]!))))),
    };
  }) as (u: Tensor) => Tensor;
  // The reset is a detached spike: a Heaviside whose gradient is zero.
  const detachedSpike = tf.customGrad((...args: Array<Tensor | GradSaveFunc>) => ({
    value: heaviside(args[0] as Tensor),
    gradFunc: (dy: Tensor | Tensor[]) => tf.zerosLike(dy as Tensor),
  })) as (u: Tensor) => Tensor;
  const classes = layers[layers.length - 1]!.nOut;
  const nIn = layers[0]!.nIn;
  const oneHot = tf.oneHot(tf.tensor1d(Array.from(labels), 'int32'), classes);
  const params = layers.flatMap((l) => [
    tf.tensor2d(l.weight, [l.nOut, l.nIn]),
    tf.tensor1d(l.bias),
    tf.scalar(l.beta[0]!),
    tf.scalar(l.threshold[0]!),
  ]);
  const lossOf = (...p: Tensor[]): Tensor => {
    const mems: Tensor[] = layers.map((l) => tf.zeros([batch, l.nOut]));
    let total = tf.scalar(0);
    for (let t = 0; t < steps; t++) {
      let h: Tensor = tf.tensor2d(x.subarray(t * batch * nIn, (t + 1) * batch * nIn), [batch, nIn]);
      layers.forEach((_, k) => {
        const [w, b, beta, theta] = p.slice(4 * k, 4 * k + 4);
        const cur = tf.add(tf.matMul(h, w!, false, true), b!);
        const prev = mems[k]!;
        const r = detachedSpike(tf.sub(prev, theta!));
        const b1 = tf.clipByValue(beta!, 0, 1);
        const mem =
          reset === 'subtract'
            ? tf.sub(tf.add(tf.mul(b1, prev), cur), tf.mul(r, theta!))
            : tf.add(tf.mul(b1, tf.mul(tf.sub(1, r), prev)), cur);
        mems[k] = mem;
        h = spike(tf.sub(mem, theta!));
      });
      const logits = target === 'membrane' ? mems[mems.length - 1]! : h;
      total = tf.add(total, tf.losses.softmaxCrossEntropy(oneHot, logits));
    }
    return tf.div(total, steps);
  };
  const { value, grads } = tf.valueAndGrads(lossOf)(params);
  return {
    loss: value.dataSync()[0]!,
    grads: grads.map((g) => g.dataSync() as Float32Array),
  };
}

/** Largest |a−b| relative to the largest |b| (a scale-aware closeness measure). */
export function relMaxError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 1e-12;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}
