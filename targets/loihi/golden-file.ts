// Read a golden-vector file (layout of shared/fixtures/loihi-lava/README.md): the integer network
// Lava ran, its input raster and Lava's spikes and u/v per step. run_lava.py writes the same
// layout, plus the optional keys reset_interval/reset_offset (LIFReset) and num_message_bits.
import { readFile } from 'node:fs/promises';
import { DynalignError } from '../../src/util/errors.js';
import type { SignMode } from './dense.js';
import type { LoihiConnection, LoihiLayer, LoihiNetwork } from './network.js';

/** Lava's recorded outputs, each [T][n] per layer name. */
export interface GoldenOutputs {
  spikes: Record<string, number[][]>;
  u?: Record<string, number[][]>;
  v?: Record<string, number[][]>;
  finalU?: Record<string, number[]>;
  finalV?: Record<string, number[]>;
  effective: Record<string, number[][]>;
}

export interface GoldenFile {
  name: string;
  steps: number;
  net: LoihiNetwork;
  /** Input per step, [T][nInputs]. */
  input: number[][];
  /** Initial u and v per layer. */
  init: Record<string, { u: number[]; v: number[] }>;
  outputs: GoldenOutputs;
}

type Json = Record<string, unknown>;

/** Load and check a golden-vector file; a malformed one is a DynalignError naming the field. */
export async function readGoldenFile(path: string): Promise<GoldenFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new DynalignError('E_GOLDEN', 'cannot read golden-vector file', {
      file: path,
      fix: 'check the path',
      cause,
    });
  }
  let raw: Json;
  try {
    raw = JSON.parse(text) as Json;
  } catch (cause) {
    throw new DynalignError('E_GOLDEN', 'golden-vector file is not JSON', {
      file: path,
      fix: 'pass a file in the layout of shared/fixtures/loihi-lava/README.md',
      cause,
    });
  }
  const bad = (field: string, value: unknown, fix: string): never => {
    throw new DynalignError('E_GOLDEN', 'malformed golden-vector file', {
      file: path,
      field,
      value,
      fix,
    });
  };
  const int = (o: Json, key: string, at: string): number => {
    const x = o[key];
    return Number.isInteger(x) ? (x as number) : bad(`${at}/${key}`, x, 'an integer is required');
  };
  const matrix = (x: unknown, rows: number, cols: number, at: string): number[][] => {
    const ok =
      Array.isArray(x) &&
      x.length === rows &&
      x.every((r) => Array.isArray(r) && r.length === cols && r.every(Number.isInteger));
    return ok ? (x as number[][]) : bad(at, shapeOf(x), `an integer array [${rows}][${cols}]`);
  };
  const vector = (x: unknown, n: number, at: string): number[] => {
    if (Number.isInteger(x)) return new Array<number>(n).fill(x as number);
    return matrix([x], 1, n, at)[0]!;
  };

  const steps = int(raw, 'T', '');
  const nInputs = int(raw, 'n_in', '');
  const input = matrix(raw.input_raster_tn, steps, nInputs, '/input_raster_tn');
  if (!Array.isArray(raw.layers) || raw.layers.length === 0) bad('/layers', raw.layers, 'a list');
  if (!Array.isArray(raw.connections)) bad('/connections', raw.connections, 'a list');

  // Populations.
  const init: GoldenFile['init'] = {};
  const layers = (raw.layers as Json[]).map((l, i): LoihiLayer => {
    const at = `/layers/${i}`;
    const n = int(l, 'n', at);
    const name = typeof l.name === 'string' ? l.name : bad(`${at}/name`, l.name, 'a string');
    init[name] = {
      u: vector(l.u_init ?? 0, n, `${at}/u_init`),
      v: vector(l.v_init ?? 0, n, `${at}/v_init`),
    };
    const layer: LoihiLayer = {
      name,
      n,
      du: int(l, 'du', at),
      dv: int(l, 'dv', at),
      vth: int(l, 'vth', at),
      biasMant: Int32Array.from(vector(l.bias_mant ?? 0, n, `${at}/bias_mant`)),
      biasExp: Int32Array.from(vector(l.bias_exp ?? 0, n, `${at}/bias_exp`)),
    };
    if (l.reset_interval !== undefined) {
      layer.reset = { interval: int(l, 'reset_interval', at), offset: int(l, 'reset_offset', at) };
    }
    return layer;
  });
  const sizes = new Map<string, number>([
    ['input', nInputs],
    ...layers.map((l) => [l.name, l.n] as [string, number]),
  ]);

  // Dense connections.
  const effective: Record<string, number[][]> = {};
  const connections = (raw.connections as Json[]).map((c, i): LoihiConnection => {
    const at = `/connections/${i}`;
    const pre = String(c.pre);
    const post = String(c.post);
    const nPre =
      sizes.get(pre) ?? bad(`${at}/pre`, c.pre, `one of ${[...sizes.keys()].join(', ')}`);
    const nPost = sizes.get(post) ?? bad(`${at}/post`, c.post, 'a layer name');
    const name = typeof c.name === 'string' ? c.name : `dense${i + 1}`;
    const given = matrix(c.weights_given, nPost, nPre, `${at}/weights_given`);
    if (c.weights_effective !== undefined) {
      effective[name] = matrix(c.weights_effective, nPost, nPre, `${at}/weights_effective`);
    }
    const mode = c.sign_mode === undefined ? undefined : signMode(c.sign_mode);
    if (mode === null) bad(`${at}/sign_mode`, c.sign_mode, 'MIXED, EXCITATORY or INHIBITORY');
    return {
      name,
      pre,
      post,
      weights: Int32Array.from(given.flat()),
      weightExp: c.weight_exp === undefined ? 0 : int(c, 'weight_exp', at),
      numWeightBits: c.num_weight_bits === undefined ? 8 : int(c, 'num_weight_bits', at),
      signMode: mode ?? undefined,
      graded: c.num_message_bits !== undefined && int(c, 'num_message_bits', at) > 0,
    };
  });

  // Lava's outputs: spikes are required, traces and final values are compared when present.
  const out = (raw.outputs ?? {}) as Json;
  const perLayer = (o: unknown, at: string): Record<string, number[][]> => {
    const rec: Record<string, number[][]> = {};
    for (const l of layers)
      rec[l.name] = matrix((o as Json)?.[l.name], steps, l.n, `${at}/${l.name}`);
    return rec;
  };
  const spikes = perLayer(out.spikes_tn, '/outputs/spikes_tn');
  const traces = out.traces_tn as Record<string, Json> | undefined;
  const pick = (key: 'u' | 'v') =>
    traces === undefined
      ? undefined
      : perLayer(
          Object.fromEntries(layers.map((l) => [l.name, traces[l.name]?.[key]])),
          `/outputs/traces_tn/*/${key}`,
        );
  const final = out.final as Record<string, Json> | undefined;
  const fin = (key: 'u' | 'v') =>
    final === undefined
      ? undefined
      : Object.fromEntries(
          layers.map((l) => [
            l.name,
            vector(final[l.name]?.[key], l.n, `/outputs/final/${l.name}/${key}`),
          ]),
        );
  const outputs = {
    spikes,
    u: pick('u'),
    v: pick('v'),
    finalU: fin('u'),
    finalV: fin('v'),
    effective,
  };
  const name = typeof raw.name === 'string' ? raw.name : path;
  return { name, steps, net: { nInputs, layers, connections }, input, init, outputs };
}

/** Lava's SignMode by name ('MIXED', 'SignMode.MIXED') or value (1, 2, 3); null if neither. */
function signMode(x: unknown): SignMode | null {
  const names: SignMode[] = ['MIXED', 'EXCITATORY', 'INHIBITORY'];
  if (typeof x === 'number') return names[x - 1] ?? null;
  const name = String(x).replace(/^SignMode\./, '');
  return (names as string[]).includes(name) ? (name as SignMode) : null;
}

function shapeOf(x: unknown): string {
  if (!Array.isArray(x)) return typeof x;
  return `array[${x.length}]${Array.isArray(x[0]) ? `[${(x[0] as unknown[]).length}]` : ''}`;
}
