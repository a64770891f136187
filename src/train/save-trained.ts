// Writing a trained model only in a format that keeps its whole encoder spec: a model whose
// reducer fit ('all') is lost would be re-encoded by emulate/demo with another embedding.
import { extname } from 'node:path';
import { reducerFitOf } from '../data/reducer-fit.js';
import { decodeModel, encodeModel } from '../ir/proto.js';
import type { EncoderSpec, IrModel } from '../ir/model.js';
import { saveModel } from '../io/model-file.js';
import { DynalignError } from '../util/errors.js';

/** Whether the protobuf codec keeps the encoder's reducer fit (it may predate the field). */
export function protobufKeepsEncoder(encoder: EncoderSpec | undefined): boolean {
  if (!encoder?.reducer) return true;
  const probe: IrModel = { nirVersion: '', graph: { nodes: {}, edges: [], metadata: {} }, encoder };
  const back = decodeModel(encodeModel(probe)).encoder?.reducer;
  return back !== undefined && reducerFitOf(back) === reducerFitOf(encoder.reducer);
}

/** Default file of a trained model: .nirpb unless that format would drop the reducer fit. */
export function defaultModelPath(encoder: EncoderSpec | undefined, mode: string): string {
  return `dynalign-out/${mode}.${protobufKeepsEncoder(encoder) ? 'nirpb' : 'json'}`;
}

/** Refuse, before any training, an output file that could not record the encoder. */
export function checkModelPath(path: string, encoder: EncoderSpec | undefined): void {
  if (extname(path).toLowerCase() !== '.nirpb' || protobufKeepsEncoder(encoder)) return;
  throw new DynalignError('E_MODEL_FORMAT', '.nirpb cannot record the reducer fit yet', {
    file: path,
    field: 'encoder.reducer.fit',
    value: reducerFitOf(encoder!.reducer!),
    fix: 'write the model as .json or .nir (--out FILE.json), which keep the whole encoder',
  });
}

/**
 * Save atomically; refuse a .nirpb that would lose the reducer fit (exit 2, nothing written).
 * ReducerSpec.fit in schemas/nir.proto records it, so the guard only bites if a future encoder
 * field outruns the protobuf schema.
 */
export async function saveTrainedModel(path: string, model: IrModel): Promise<void> {
  checkModelPath(path, model.encoder);
  await saveModel(path, model);
}
