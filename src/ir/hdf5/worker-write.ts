// Writing an H5 tree with h5wasm, laid out as h5py writes it for nir.write: vlen UTF-8 strings,
// contiguous numeric datasets of the stored dtype, groups for nested dictionaries.
import type h5wasmDefault from 'h5wasm/node';
import type { DType } from '../tensor.js';
import type { H5Group } from './tree.js';

type H5 = typeof h5wasmDefault;
type Group = InstanceType<H5['Group']>;

/** h5wasm dtype codes (numpy style) of each dtype the IR stores. */
const H5_DTYPE: Record<DType, string> = {
  float32: '<f',
  float64: '<d',
  int8: '<b',
  int16: '<h',
  int32: '<i',
  int64: '<q',
  uint8: '<B',
  uint16: '<H',
  uint32: '<I',
  bool: '<B',
};

/**
 * HDF5 format bounds: h5py's default low bound ('earliest', as nir.write gets) and HDF5 1.10
 * as the high one, so HDF5 1.8/1.10 readers (Debian's h5py 3.7) open the file.
 */
const LIBVER: ['earliest', 'v110'] = ['earliest', 'v110'];

/** Build the file in h5wasm's in-memory file system and return its bytes. */
export function writeTree(h5: H5, readFile: (path: string) => Uint8Array, file: string,
  tree: H5Group): Uint8Array {
  const f = new h5.File(file, 'w', { libver: LIBVER });
  try {
    writeGroup(f, tree);
  } finally {
    f.close();
  }
  return readFile(file);
}

function writeGroup(g: Group, tree: H5Group): void {
  for (const [name, node] of tree.children) {
    if (node.kind === 'group') {
      writeGroup(g.create_group(name), node);
    } else if (node.kind === 'text') {
      const data = node.shape.length === 0 ? node.values[0]! : node.values;
      g.create_dataset({ name, data, shape: node.shape });
    } else if (node.kind === 'numeric') {
      const chunked = node.gzip === true && node.shape.length > 0 && node.data.length > 0;
      g.create_dataset({
        name,
        data: node.data as never,
        shape: node.shape,
        dtype: H5_DTYPE[node.dtype],
        ...(chunked ? { chunks: node.shape, compression: 'gzip' as const } : {}),
      });
    }
  }
}
