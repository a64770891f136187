// The one meaning of `--limit N` across the verbs: N inputs spread evenly over a set. The MNIST
// splits are class-ordered, so the first N inputs would hold one or two classes only.
import type { EncodedSet } from './encoder.js';

/** Every (n/N)-th input (index floor(i·n/N)), labels kept; the whole set when N ≥ n. */
export function spacedSubset(set: EncodedSet, n: number | undefined): EncodedSet {
  if (n === undefined || n >= set.n) return set;
  const frame = set.steps * set.channels;
  const data = new Float32Array(n * frame);
  const labels = set.labels ? new Uint8Array(n) : undefined;

  // Same index rule as src/data/pipeline.ts spacedSubset, so image and encoded subsets agree.
  for (let i = 0; i < n; i++) {
    const src = Math.floor((i * set.n) / n);
    data.set(set.data.subarray(src * frame, (src + 1) * frame), i * frame);
    if (labels) labels[i] = set.labels![src]!;
  }
  return { n, steps: set.steps, channels: set.channels, data, ...(labels ? { labels } : {}) };
}

