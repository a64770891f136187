// What a target adapter needs to run its arithmetic on the shared core from `dynalign emulate`:
// the core's options read from the verb's pass-through options (--workers, --record), and the
// AER record written the way the generic verbs write it.
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { IrModel } from '../ir/model.js';
import { DynalignError } from '../util/errors.js';
import type { EmulateOptions, EmulationRun } from './emulate.js';
import { writeSpikeCsv } from './io.js';

type Options = Record<string, string | number | boolean> | undefined;

/** Workers (default: all cores, as for int and float) and whether spikes are recorded. */
export function coreOptionsFrom(options: Options): EmulateOptions {
  const o = options ?? {};
  const workers = o.workers === undefined ? availableParallelism() : Number(o.workers);
  if (!Number.isInteger(workers) || workers < 1) {
    throw new DynalignError('E_USAGE', 'expected a whole number of workers', {
      field: '--workers',
      value: o.workers,
      fix: 'pass --workers 1 or more',
    });
  }
  return { workers, recordSpikes: typeof o.record === 'string' };
}

/** Write `--record FILE` (AER CSV) of a core run; the stamp names the model's content digest. */
export async function writeTargetRecords(
  run: EmulationRun,
  options: Options,
  model: IrModel,
): Promise<void> {
  const path = options?.record;
  if (typeof path !== 'string' || !run.chunk.spikes) return;
  const names = run.plan.layers.map((l) => l.name);
  await writeSpikeCsv(path, run.chunk.spikes, names, modelDigest(model));
}

/** sha256 over node names, types and parameter bytes (a target gets no file path). */
export function modelDigest(model: IrModel): string {
  const h = createHash('sha256');
  for (const name of Object.keys(model.graph.nodes).sort()) {
    const node = model.graph.nodes[name]!;
    h.update(`${name}:${node.type};`);
    for (const key of Object.keys(node.params).sort()) {
      const p = node.params[key]!;
      h.update(`${key}=`);
      if (typeof p === 'string') h.update(p);
      else h.update(new Uint8Array(p.data.buffer, p.data.byteOffset, p.data.byteLength));
    }
  }
  h.update(JSON.stringify(model.graph.edges));
  return h.digest('hex');
}
