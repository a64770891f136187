// Which images the reducer is fitted on, recorded with the encoder spec so that every place
// that rebuilds a model's data (train, sweep, emulate, demo) rebuilds the same embedding.
import type { ReducerSpec } from '../ir/model.js';
import { DynalignError } from '../util/errors.js';

/**
 * 'train': fit on the training split, place test images out of sample (what a deployed network
 * sees: a new image never takes part in the fit). 'all': fit on training and test images
 * together, without labels, as the paper's reference code does (base_Attactors.py fits UMAP on
 * the concatenated sets), so its test accuracies are transductive.
 */
export type ReducerFit = 'train' | 'all';

export const REDUCER_FITS: readonly ReducerFit[] = ['train', 'all'];

/** A reducer spec that may say how it was fitted; absent means 'train' (shipped models). */
export type FittedReducerSpec = ReducerSpec & { fit?: ReducerFit };

/** The fit a spec records; specs written before the option existed mean 'train'. */
export function reducerFitOf(spec: ReducerSpec): ReducerFit {
  const fit = (spec as FittedReducerSpec).fit ?? 'train';
  if (!REDUCER_FITS.includes(fit)) {
    throw new DynalignError('E_ENCODER_MISMATCH', 'unknown reducer fit', {
      field: 'encoder.reducer.fit',
      value: fit,
      fix: `use one of ${REDUCER_FITS.join(', ')}`,
    });
  }
  return fit;
}

/** The spec with its fit set; 'train' is left implicit so older specs and keys stay equal. */
export function withReducerFit(spec: ReducerSpec, fit: ReducerFit): FittedReducerSpec {
  const { fit: _old, ...rest } = spec as FittedReducerSpec;
  return fit === 'train' ? rest : { ...rest, fit };
}
