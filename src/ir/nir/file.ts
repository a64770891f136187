// .nir files from and to bytes: the HDF5 worker does the HDF5 part, this module the NIR layout.
import type { IrModel } from '../model.js';
import { IrError } from '../errors.js';
import { DEFAULT_H5_TIMEOUT_MS, readH5, writeH5 } from '../hdf5/host.js';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../hdf5/tree.js';
import { type NirRead, modelFromTree } from './read.js';
import { modelToTree } from './write.js';

/** HDF5 format signature; it sits at offset 0 or after a user block of 512·2^k bytes. */
const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** Read a .nir file's bytes into a model, with the notes of what the reader decided. */
export async function readNir(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS,
  timeoutMs = DEFAULT_H5_TIMEOUT_MS): Promise<NirRead> {
  if (!hasSignature(bytes)) {
    throw new IrError('E_NIR_NOT_HDF5', 'not an HDF5 file (no HDF5 signature)', '/',
      'pass a .nir file written by nir.write');
  }
  return modelFromTree(await readH5(bytes, limits, timeoutMs));
}

/** Write a model as .nir bytes that nir.read accepts. */
export async function writeNir(model: IrModel,
  timeoutMs = DEFAULT_H5_TIMEOUT_MS): Promise<Uint8Array> {
  return writeH5(modelToTree(model), timeoutMs);
}

/** True when the HDF5 superblock signature is at offset 0, 512, 1024, 2048, ... */
export function hasSignature(bytes: Uint8Array): boolean {
  for (let at = 0; at + 8 <= bytes.length; at = at === 0 ? 512 : at * 2) {
    if (HDF5_SIGNATURE.every((b, i) => bytes[at + i] === b)) return true;
  }
  return false;
}
