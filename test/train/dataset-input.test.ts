import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkEncoderMatch } from '../../src/train/dataset-input.js';

const encoder = (fit?: 'all') => ({
  system: 'mixed-oscillator',
  params: { delta: 2 },
  h: 0.01,
  tmax: 8,
  numSteps: 5,
  nFeatures: 7,
  sigmaLambda: -4,
  reducer: { kind: 'umap' as const, nComponents: 7, seed: 1, nNeighbors: 15, ...(fit && { fit }) },
});

test('a dataset file whose reducer was fitted otherwise than asked is refused', () => {
  assert.doesNotThrow(() => checkEncoderMatch('d.dynenc', encoder(), encoder()));
  assert.doesNotThrow(() => checkEncoderMatch('d.dynenc', encoder('all'), encoder('all')));
  assert.throws(() => checkEncoderMatch('d.dynenc', encoder(), encoder('all')), {
    code: 'E_DATASET_MISMATCH',
    message: /dataset file does not match the encoder/,
  });
  assert.throws(
    () => checkEncoderMatch('d.dynenc', encoder(), encoder('all')),
    (e: { detail: { field?: string; value?: unknown; fix?: string } }) => {
      assert.equal(e.detail.field, 'encoder.reducer.fit');
      assert.equal(e.detail.value, 'train');
      assert.match(e.detail.fix ?? '', /--reducer-fit train/);
      return true;
    },
  );
});
