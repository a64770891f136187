// One target for one model: compile the artefacts (optional), emulate, model the energy.
import type { IrModel } from '../ir/model.js';
import type { EncodedSet } from '../encoding/encoder.js';
import { loadTarget } from '../targets/registry.js';
import type { TargetName } from '../targets/adapter.js';
import { perInference } from '../emulator/result.js';
import { energyCounts, estimateEnergy } from '../energy/model.js';
import type { TargetRow } from './types.js';

export interface TargetRunOptions {
  /** Write artefacts here; no compile step when absent. */
  outDir?: string;
  compileOptions?: Record<string, string | number | boolean>;
  /** Inputs shipped beside the artefacts. */
  sampleInputs?: number;
  say?: (line: string) => void;
}

/** Compile (when asked), emulate bit-exactly and estimate energy per inference. */
export async function runTarget(
  name: TargetName,
  model: IrModel,
  test: EncodedSet,
  opts: TargetRunOptions = {},
): Promise<TargetRow> {
  const adapter = await loadTarget(name);
  const say = opts.say ?? (() => {});
  let compiled = { artefacts: [] as string[], notes: [] as string[] };
  if (opts.outDir !== undefined) {
    say(`${name}: compiling`);
    compiled = await adapter.compile(model, {
      outDir: opts.outDir,
      inputs: sliceSet(test, opts.sampleInputs ?? 16),
      ...(opts.compileOptions ? { options: opts.compileOptions } : {}),
    });
  }
  say(`${name}: emulating ${test.n} inputs`);
  const res = await adapter.emulate(model, test);
  const counts = perInference(res);
  // Static power runs for the ticks an inference really lasts, on every chip it occupies.
  const energy = estimateEnergy(adapter.energyTable(), energyCounts(res, counts, test.steps));
  return {
    accuracy: res.accuracy ?? Number.NaN,
    perInference: counts,
    energy,
    artefacts: compiled.artefacts,
    notes: compiled.notes,
  };
}

/** The first n inputs of a set. */
export function sliceSet(set: EncodedSet, n: number): EncodedSet {
  const k = Math.min(n, set.n);
  const per = set.steps * set.channels;
  return {
    n: k,
    steps: set.steps,
    channels: set.channels,
    data: set.data.subarray(0, k * per),
    ...(set.labels ? { labels: set.labels.subarray(0, k) } : {}),
  };
}
