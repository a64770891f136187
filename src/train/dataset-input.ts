// `--dataset FILE.dynenc`: train on an encoded dataset written by `dynalign encode`, after
// checking that it holds what the encoder spec promises (exit 2 when it does not).
import { readEncodedDataset } from '../encoding/dataset-file.js';
import type { EncodedSet } from '../encoding/encoder.js';
import { reducerFitOf } from '../data/reducer-fit.js';
import type { EncoderSpec } from '../ir/model.js';
import { DynalignError } from '../util/errors.js';
import type { PreparedData } from './run.js';

function mismatch(file: string, field: string, value: unknown, fix: string): DynalignError {
  return new DynalignError('E_DATASET_MISMATCH', 'dataset file does not match the encoder', {
    file,
    field,
    value,
    fix,
  });
}

/** Compare the file's encoder with the one the flags asked for, field by field. */
export function checkEncoderMatch(file: string, found: EncoderSpec, wanted: EncoderSpec): void {
  if (found.system !== wanted.system) {
    throw mismatch(
      file,
      'encoder.system',
      found.system,
      `encode it with --system ${wanted.system}`,
    );
  }
  for (const [k, v] of Object.entries(wanted.params)) {
    if (found.params[k] !== v) {
      throw mismatch(file, `encoder.params.${k}`, found.params[k], `encode it with ${k} = ${v}`);
    }
  }
  const scalar: Array<keyof EncoderSpec> = ['numSteps', 'nFeatures', 'h', 'tmax'];
  for (const k of scalar) {
    if (found[k] !== wanted[k]) {
      throw mismatch(file, `encoder.${k}`, found[k], `expected ${String(wanted[k])}`);
    }
  }

  // Features of another reducer fit sit in another embedding, even with equal dimensions.
  const fit = (e: EncoderSpec) => (e.reducer ? reducerFitOf(e.reducer) : 'train');
  if (fit(found) !== fit(wanted)) {
    const fix = `pass --reducer-fit ${fit(found)}, or encode the file with the other fit`;
    throw mismatch(file, 'encoder.reducer.fit', fit(found), fix);
  }
}

/** One named set with labels whose shape agrees with the encoder. */
function takeSet(file: string, sets: Record<string, EncodedSet>, name: string, enc: EncoderSpec) {
  const s = sets[name];
  if (!s || !s.labels) {
    throw mismatch(
      file,
      `sets/${name}`,
      Object.keys(sets),
      `the file needs a labelled '${name}' set`,
    );
  }
  if (s.steps !== enc.numSteps || s.channels !== 3 * enc.nFeatures) {
    throw mismatch(
      file,
      `sets/${name}`,
      `${s.steps} steps × ${s.channels} channels`,
      `the encoder gives ${enc.numSteps} steps × ${3 * enc.nFeatures} channels; re-encode the file`,
    );
  }
  return s;
}

/** Read a .dynenc file; its encoder spec becomes the model's, checked against `wanted`. */
export async function dataFromFile(
  file: string,
  wanted?: EncoderSpec,
): Promise<{ data: PreparedData; encoder: EncoderSpec }> {
  const { header, sets } = await readEncodedDataset(file);
  const encoder = header.encoder;
  if (wanted) checkEncoderMatch(file, encoder, wanted);
  const train = takeSet(file, sets, 'train', encoder);
  const test = takeSet(file, sets, 'test', encoder);
  const split = typeof header.source.split === 'string' ? header.source.split : `from ${file}`;
  return { data: { train, test, split }, encoder };
}
