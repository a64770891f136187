// A plain picture of an HDF5 file: groups and datasets with their dtypes, shapes and values.
// The worker turns bytes into this tree (and back); the .nir layout is mapped onto it in TS.
import type { DType, TypedData } from '../tensor.js';

export interface H5Group {
  kind: 'group';
  /** Members in the file's order (h5py and HDF5 list them alphabetically). */
  children: Array<[string, H5Node]>;
}

export interface H5Numeric {
  kind: 'numeric';
  dtype: DType;
  shape: number[];
  data: TypedData;
  /** Write as one gzip-compressed chunk (as unreleased nir main does); reading ignores it. */
  gzip?: boolean;
}

export interface H5Text {
  kind: 'text';
  /** [] for a scalar string, [E, 2] for NIR's edge list. */
  shape: number[];
  values: string[];
}

/** A member the reader cannot represent (compound, enum, reference, link...), kept as a note. */
export interface H5Other {
  kind: 'other';
  description: string;
}

export type H5Node = H5Group | H5Numeric | H5Text | H5Other;

/** Limits the reader enforces before allocating anything a hostile file asks for. */
export interface ReadLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Largest dataset, in bytes of its values. */
  maxDatasetBytes: number;
  /** Sum over all datasets, in bytes. */
  maxTotalBytes: number;
  /** Groups plus datasets. */
  maxMembers: number;
  /** Group nesting. */
  maxDepth: number;
}

/** The stated bound on what reading one .nir file may allocate: 256 MiB of values, 1 GiB file. */
export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxFileBytes: 2 ** 30,
  maxDatasetBytes: 2 ** 28,
  maxTotalBytes: 2 ** 28,
  maxMembers: 100_000,
  maxDepth: 64,
};

/** A failure inside the worker, sent back as data. */
export interface H5Failure {
  code: string;
  message: string;
  /** HDF5 path of the member that failed, when known. */
  path: string;
}
