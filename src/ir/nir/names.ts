// Node names HDF5 cannot hold as link names ('/' is its path separator, '.' its current group).
// nir.write turns 'a/b' into nested groups that nir.read then fails on (KeyError 'type', checked
// with NIR 7232ada and h5py 3.7), so dynalign writes such a node under a stand-in name, uses the
// stand-in in the edges too, and records the original in the graph's metadata. The Python
// library reads a consistent graph with the stand-in names; dynalign reads the originals back.
import type { IrGraph, IrNode, Metadata } from '../model.js';
import { IrError } from '../errors.js';

/** Graph metadata key mapping each stand-in name to the node's real name. */
export const NAMES_KEY = 'dynalign_node_names';

/** Names and edges as written, and the metadata entry that undoes the renaming. */
export interface StoredNames {
  names: Map<string, string>;
  edges: Array<[string, string]>;
  metadata: Metadata;
}

/** True when HDF5 (and so nir.write) can store `name` as one group or dataset name. */
export function isH5Name(name: string): boolean {
  return name !== '' && name !== '.' && !name.includes('/');
}

/** Stand-in of a name: '%' → '%25', '/' → '%2F', and '.' alone → '%2E' (percent-encoding). */
export function standInName(name: string): string {
  if (name === '.') return '%2E';
  return name.replace(/%/g, '%25').replace(/\//g, '%2F');
}

/** The names a graph's nodes are written under, its edges renamed alike, and the name map. */
export function storedNames(graph: IrGraph, metadata: Metadata, path: string): StoredNames {
  const names = new Map<string, string>();
  const originals: Metadata = {};
  for (const name of Object.keys(graph.nodes)) {
    if (isH5Name(name)) {
      names.set(name, name);
      continue;
    }
    if (name === '') {
      throw new IrError('E_NIR_NAME', 'a node has an empty name, which HDF5 cannot store',
        `${path}/nodes/`, 'give the node a name');
    }

    // The stand-in must not be the name of another node of this graph.
    const stand = standInName(name);
    if (hasOwn(graph.nodes, stand)) {
      throw new IrError('E_NIR_NAME', `node '${name}' would be written as '${stand}', which ` +
        'another node of the graph is already called', `${path}/nodes/${stand}`,
        `rename node '${stand}' or node '${name}'`);
    }
    names.set(name, stand);
    originals[stand] = { kind: 'string', value: name };
  }
  if (Object.keys(originals).length === 0) return { names, edges: graph.edges, metadata };

  if (hasOwn(metadata, NAMES_KEY)) {
    throw new IrError('E_NIR_NAME', `the graph's metadata already holds '${NAMES_KEY}', which ` +
      'the writer needs for node names with \'/\'', `${path}/metadata/${NAMES_KEY}`,
      `remove metadata entry '${NAMES_KEY}' or rename the nodes without '/'`);
  }
  const rename = (n: string): string => names.get(n) ?? n;
  return {
    names,
    edges: graph.edges.map(([s, t]): [string, string] => [rename(s), rename(t)]),
    metadata: { ...metadata, [NAMES_KEY]: { kind: 'dict', value: originals } },
  };
}

/** Undo the renaming a `dynalign_node_names` entry records; other graphs pass unchanged. */
export function restoreNames(nodes: Record<string, IrNode>, edges: Array<[string, string]>,
  metadata: Metadata, h5: string): { nodes: Record<string, IrNode>;
    edges: Array<[string, string]>; metadata: Metadata } {
  const entry = hasOwn(metadata, NAMES_KEY) ? metadata[NAMES_KEY] : undefined;
  if (entry === undefined) return { nodes, edges, metadata };
  const where = `${h5}/metadata/${NAMES_KEY}`;
  if (entry.kind !== 'dict') {
    throw new IrError('E_NIR_EXT', `metadata '${NAMES_KEY}' is not a group of names`, where);
  }

  // Every entry maps a node of this graph to a name no other node has.
  const map = new Map<string, string>();
  for (const [stand, v] of Object.entries(entry.value)) {
    if (v.kind !== 'string' || !hasOwn(nodes, stand) || standInName(v.value) !== stand) {
      throw new IrError('E_NIR_EXT', `metadata '${NAMES_KEY}/${stand}' does not name a node ` +
        'of this graph by its stand-in', `${where}/${stand}`,
        `remove '${NAMES_KEY}' to read the graph with the names as stored`);
    }
    map.set(stand, v.value);
  }
  const out: Record<string, IrNode> = {};
  for (const [name, node] of Object.entries(nodes)) {
    const real = map.get(name) ?? name;
    if (hasOwn(out, real) || (real !== name && hasOwn(nodes, real))) {
      throw new IrError('E_NIR_EXT', `two nodes would be called '${real}'`, `${where}/${name}`);
    }
    Object.defineProperty(out, real, { value: node, enumerable: true, writable: true,
      configurable: true });
  }
  const rename = (n: string): string => map.get(n) ?? n;
  const rest = { ...metadata };
  delete rest[NAMES_KEY];
  return { nodes: out, edges: edges.map(([s, t]) => [rename(s), rename(t)]), metadata: rest };
}

function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}
