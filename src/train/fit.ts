// The epoch loop shared by the SNN and the ANN baseline: seeded shuffling, Adam, validation
// after every epoch, early stopping with the best checkpoint restored, optional time limit.
import type { EncodedSet } from '../encoding/encoder.js';
import { mulberry32 } from '../util/random.js';
import { createAdam } from './adam.js';
import { shuffledOrder } from './batches.js';
import type { TrainConfig } from './config.js';
import { timed, type Profile } from './profile.js';

/** What the loop needs from a network. */
export interface Learner {
  /** Trainable arrays; updated in place. */
  params: Float32Array[];
  /** Loss and gradients (params order) of the samples order[start..end). */
  gradients(
    set: EncodedSet,
    order: Int32Array,
    start: number,
    end: number,
    prof?: Profile,
  ): {
    loss: number;
    grads: ArrayLike<number>[];
  };
  /** Called after each optimiser step (e.g. to keep β in range). */
  afterStep?(): void;
  evaluate(set: EncodedSet): { accuracy: number; loss: number; spikesPerInference?: number };
}

export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  valAccuracy: number;
  valLoss: number;
  valSpikesPerInference?: number;
  seconds: number;
}

export interface FitOutcome {
  /** Epochs run (a partial epoch cut by the time limit counts). */
  epochs: number;
  /** Epoch of the restored checkpoint (1-based). */
  bestEpoch: number;
  bestValAccuracy: number;
  stoppedBy: 'patience' | 'epochs' | 'time-limit';
  history: EpochRecord[];
  /** Wall time of the loop, validation included. */
  trainSeconds: number;
  /** Training samples per second of optimiser steps only. */
  samplesPerSecond: number;
  profile?: Profile;
}

export interface FitHooks {
  onEpoch?(rec: EpochRecord): void;
  /** Record time per phase of the training step. */
  profile?: boolean;
}

/** Train `learner` on `fit`, stopping early on `val` accuracy; restores the best epoch. */
export function fitLearner(
  learner: Learner,
  fit: EncodedSet,
  val: EncodedSet,
  config: TrainConfig,
  hooks: FitHooks = {},
): FitOutcome {
  const prof: Profile | undefined = hooks.profile ? {} : undefined;
  const adam = createAdam(learner.params, { lr: config.lr });
  const rand = mulberry32(config.seed ^ 0x5eed5eed);
  const t0 = performance.now();
  let stepSeconds = 0;
  let samples = 0;
  let best = { accuracy: -1, epoch: 0, params: learner.params.map((p) => p.slice()) };
  let stoppedBy: FitOutcome['stoppedBy'] = 'epochs';
  const history: EpochRecord[] = [];

  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const e0 = performance.now();
    const order = shuffledOrder(fit.n, rand);
    let lossSum = 0;
    let cut = false;
    for (let start = 0; start < fit.n; start += config.batch) {
      if (config.timeLimit > 0 && (performance.now() - t0) / 1000 > config.timeLimit) {
        cut = true;
        break;
      }
      const end = Math.min(start + config.batch, fit.n);
      const s0 = performance.now();
      const { loss, grads } = learner.gradients(fit, order, start, end, prof);
      timed(prof, 'adam', () => adam.step(grads));
      learner.afterStep?.();
      stepSeconds += (performance.now() - s0) / 1000;
      samples += end - start;
      lossSum += loss * (end - start);
    }

    // Validate; a better epoch becomes the checkpoint.
    const v = val.n > 0 ? learner.evaluate(val) : { accuracy: Number.NaN, loss: Number.NaN };
    const rec: EpochRecord = {
      epoch,
      trainLoss: lossSum / Math.max(1, fit.n),
      valAccuracy: v.accuracy,
      valLoss: v.loss,
      valSpikesPerInference: 'spikesPerInference' in v ? v.spikesPerInference : undefined,
      seconds: (performance.now() - e0) / 1000,
    };
    history.push(rec);
    hooks.onEpoch?.(rec);
    if (val.n === 0 || v.accuracy > best.accuracy) {
      best = { accuracy: v.accuracy, epoch, params: learner.params.map((p) => p.slice()) };
    }
    if (cut) {
      stoppedBy = 'time-limit';
      break;
    }
    if (val.n > 0 && epoch - best.epoch >= config.patience) {
      stoppedBy = 'patience';
      break;
    }
  }

  // Restore the best checkpoint in place.
  learner.params.forEach((p, k) => p.set(best.params[k]!));
  return {
    epochs: history.length,
    bestEpoch: best.epoch,
    bestValAccuracy: best.accuracy,
    stoppedBy,
    history,
    trainSeconds: (performance.now() - t0) / 1000,
    samplesPerSecond: stepSeconds > 0 ? samples / stepSeconds : 0,
    profile: prof,
  };
}
