// Where the Loihi target's encoded inputs come from: given by the CLI, an --inputs .npy file
// ([n][T][C] float32 or int32, labels from --labels), or the MNIST test split encoded by the
// model's own encoder.
import { readFile } from 'node:fs/promises';
import type { IrModel } from '../../src/ir/model.js';
import type { EncodedSet } from '../../src/encoding/encoder.js';
import { encodedSplitFor } from '../../src/emulator/io.js';
import { DynalignError } from '../../src/util/errors.js';
import { decodeNpy } from './npy.js';
import type { LoihiOptions } from './options.js';

/** The inputs to run or ship, or undefined when none can be found. */
export async function resolveInputs(
  model: IrModel,
  opts: LoihiOptions,
  given?: EncodedSet,
): Promise<EncodedSet | undefined> {
  // emulate hands an empty set when the target reads its own inputs (--inputs, --golden).
  if (given && given.n > 0) return given;
  if (opts.inputs) return readInputsNpy(opts.inputs, opts.labels);
  if (given) return given;
  // The test split as `emulate --dataset mnist-test` encodes it (same subset, same reducer).
  if (model.encoder?.reducer) return encodedSplitFor(model, 'mnist-test');
  return undefined;
}

async function readInputsNpy(path: string, labelsPath?: string): Promise<EncodedSet> {
  const npy = await readNpy(path, '--inputs');
  if (npy.shape.length !== 3) {
    throw new DynalignError('E_LOIHI_INPUTS', 'inputs must be a 3-D array [n][steps][channels]', {
      file: path,
      field: 'shape',
      value: npy.shape,
      fix: 'save the encoded set with shape (n, steps, channels)',
    });
  }
  const [n, steps, channels] = npy.shape as [number, number, number];
  const set: EncodedSet = { n, steps, channels, data: Float32Array.from(npy.data) };
  if (labelsPath) {
    const l = await readNpy(labelsPath, '--labels');
    if (l.data.length !== n) {
      throw new DynalignError('E_LOIHI_INPUTS', 'one label per input is needed', {
        file: labelsPath,
        value: l.data.length,
        fix: `give ${n} labels`,
      });
    }
    set.labels = Uint8Array.from(l.data);
  }
  return set;
}

async function readNpy(path: string, option: string): Promise<ReturnType<typeof decodeNpy>> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new DynalignError('E_LOIHI_INPUTS', 'cannot read file', {
      file: path,
      field: option,
      fix: 'check the path',
      cause,
    });
  }
  try {
    return decodeNpy(bytes);
  } catch (cause) {
    throw new DynalignError(
      'E_LOIHI_INPUTS',
      `not a usable .npy file: ${(cause as Error).message}`,
      {
        file: path,
        field: option,
        fix: 'save a C-order float32, int32 or uint8 array with numpy.save',
        cause,
      },
    );
  }
}
