// Per-step gains of the graded input. An expansive encoder's trajectories grow by about 20× per
// step (|x| ≈ 2·10^5 at the last step of the shipped net), so a first-layer drive that resolves
// the threshold at the first steps overflows the 24-bit current at the last ones, and Lava wraps
// u. The payload of step t is x·s_x·g_t with g_t ≤ 1 chosen so that the drive's calibrated
// percentile stays inside u: those steps are far beyond the threshold, so only the sign of the
// drive matters there, and a smaller gain keeps it. Calibration uses the model's own encoder on
// pseudo-samples (no data set needed, the same gains for compile and emulate).
import type { IrModel } from '../../src/ir/model.js';
import type { ChainLayer } from '../../src/ir/chain.js';
import { encodeFeatures } from '../../src/encoding/encoder.js';
import { findSystem } from '../../src/encoding/registry.js';
import { mulberry32 } from '../../src/util/random.js';
import { A_LIMIT } from './profile.js';

/** Share of first-layer drives per step that must fit u unwrapped (the rest may wrap). */
export const GAIN_PERCENTILE = 0.999;
// Pseudo-samples drawn for calibration and their seed (fixed, so gains are reproducible).
const PSEUDO_SAMPLES = 512;
const SEED = 5;

/** How the step gains were chosen, for the manifest. */
export interface StepGains {
  gains: number[];
  /** Calibrated |drive| percentile per step, in float units of v (before any gain). */
  drivePercentile: number[];
  percentile: number;
  source: string;
}

/**
 * Gains g_t = min(1, (2^17 − 1) / (P_t · S)) for the analog first layer, where P_t is the
 * percentile of |W x| at step t over pseudo-samples and S the layer's state scale (a-units per
 * float unit), so that a = W·payload stays below u's wrap for that share of drives.
 */
export function calibrateStepGains(
  model: IrModel,
  first: ChainLayer,
  stateScale: number,
  steps: number,
  percentile: number,
): StepGains {
  const unity = (source: string): StepGains => ({
    gains: new Array<number>(steps).fill(1),
    drivePercentile: [],
    percentile,
    source,
  });
  if (percentile >= 1) return unity('off (--gain-percentile 1)');
  const set = pseudoSamples(model);
  if (!set || set.steps !== steps || set.channels !== first.nIn) {
    return unity('none: the model has no registered encoder matching the first layer');
  }

  // |W x| per neuron and step (threshold-equalised rows, as quantise.ts scales them).
  const theta = Math.max(...first.vThreshold);
  const perStep: number[][] = Array.from({ length: steps }, () => []);
  for (let n = 0; n < set.n; n++) {
    for (let t = 0; t < steps; t++) {
      const o = (n * steps + t) * set.channels;
      for (let i = 0; i < first.nOut; i++) {
        let a = 0;
        const row = i * first.nIn;
        for (let j = 0; j < first.nIn; j++) a += first.weight[row + j]! * set.data[o + j]!;
        perStep[t]!.push(Math.abs(a * first.gain[i]! * (theta / first.vThreshold[i]!)));
      }
    }
  }
  const drivePercentile = perStep.map((d) => quantile(d, percentile));
  const gains = drivePercentile.map((p) => Math.min(1, A_LIMIT / (p * stateScale)));
  const source = `encoder pseudo-samples (${PSEUDO_SAMPLES}, seed ${SEED}), ${percentile} quantile`;
  return { gains, drivePercentile, percentile, source };
}

/** Features uniform in [−1, 1] through the model's encoder (it normalises each to max |f| = 1). */
function pseudoSamples(model: IrModel) {
  const enc = model.encoder;
  const sys = enc && findSystem(enc.system);
  if (!enc || !sys) return undefined;
  const rnd = mulberry32(SEED);
  const features = Float32Array.from(
    { length: PSEUDO_SAMPLES * enc.nFeatures },
    () => 2 * rnd() - 1,
  );
  return encodeFeatures(sys, enc, features, PSEUDO_SAMPLES);
}

function quantile(values: number[], q: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** The mismatch sentence for gains below 1, or undefined when every step keeps gain 1. */
export function stepGainsMismatch(gains: number[]): string | undefined {
  const scaled = gains.filter((g) => g < 1).length;
  if (scaled === 0) return undefined;
  const list = gains.map((g) => g.toPrecision(3)).join(', ');
  return (
    `input: ${scaled} of ${gains.length} steps scaled down (gains ${list}) so the first ` +
    "layer's current does not wrap; the voltage carried into those steps weighs more than in float"
  );
}
