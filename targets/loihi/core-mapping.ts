// Greedy placement of a chain of dense layers onto Loihi cores. Each core of a layer receives all
// of the layer's inputs (fan-in = nIn axons), stores nIn × neurons × weight bits of synapses and
// sends each neuron's spikes to every core of the next layer (fan-out = neurons × cores). Layers
// are placed from the last to the first so each knows how many cores its spikes go to.
// LIMITATION: synaptic memory counts weight bits only (dense format); Loihi's synapse headers,
// delay and tag fields are not public in enough detail, so a real core may hold fewer synapses.
import { DynalignError } from '../../src/util/errors.js';
import { type ChipLimits, corePosition } from './chips.js';

/** What the mapper needs of one layer. */
export interface LayerShape {
  name: string;
  nIn: number;
  nOut: number;
  /** Bits per stored synapse (netx's num_weight_bits for the layer). */
  weightBits: number;
}

/** One core's share of a layer. */
export interface CoreAssignment {
  core: number;
  layer: string;
  /** Neurons [first, last) of the layer on this core. */
  first: number;
  last: number;
  synapses: number;
  synapticBits: number;
  fanIn: number;
  fanOut: number;
  tile: number;
  x: number;
  y: number;
}

export interface CoreMapping {
  chip: ChipLimits['name'];
  coresUsed: number;
  /** Cores of each layer, in layer order. */
  layers: Array<{ name: string; cores: number[]; neuronsPerCore: number }>;
  cores: CoreAssignment[];
}

/** Place every layer, or throw (exit 2) naming the first limit a layer cannot meet. */
export function mapToCores(chip: ChipLimits, layers: LayerShape[], file?: string): CoreMapping {
  const perCore = new Array<number>(layers.length);
  const coreCount = new Array<number>(layers.length);
  const fail = (l: LayerShape, limit: string, value: unknown, fix: string): never => {
    throw new DynalignError(
      'E_LOIHI_MAPPING',
      `layer cannot be placed on ${chip.name} cores: ${limit}`,
      {
        file,
        field: `layers/${l.name}`,
        value,
        fix,
      },
    );
  };

  // Neurons per core, last layer first (its spikes leave the chip: one destination).
  for (let k = layers.length - 1; k >= 0; k--) {
    const l = layers[k]!;
    if (l.nIn > chip.maxFanIn) {
      fail(
        l,
        `fan-in ${l.nIn} > ${chip.maxFanIn} axons per core`,
        l.nIn,
        'narrow the layer before it',
      );
    }
    const perNeuron = l.nIn * l.weightBits + chip.neuronStateBits;
    const bySynapses = Math.floor(chip.synapticBitsPerCore / perNeuron);
    const destinations = k === layers.length - 1 ? 1 : coreCount[k + 1]!;
    const byFanOut = Math.floor(chip.maxFanOut / destinations);
    const n = Math.min(chip.neuronsPerCore, bySynapses, byFanOut, l.nOut);
    if (n < 1) {
      const limit =
        bySynapses < 1
          ? `one neuron's ${l.nIn} synapses exceed a core's memory`
          : `fan-out to ${destinations} cores`;
      fail(l, limit, { nIn: l.nIn, weightBits: l.weightBits }, 'reduce the layer widths');
    }
    perCore[k] = n;
    coreCount[k] = Math.ceil(l.nOut / n);
  }
  const total = coreCount.reduce((a, b) => a + b, 0);
  if (total > chip.cores) {
    fail(
      layers[0]!,
      `needs ${total} cores, the chip has ${chip.cores}`,
      total,
      'reduce the layer widths',
    );
  }
  const synapses = layers.reduce((a, l) => a + l.nIn * l.nOut, 0);
  if (chip.synapsesPerChip !== undefined && synapses > chip.synapsesPerChip) {
    fail(
      layers[0]!,
      `needs ${synapses} synapses, the chip holds ${chip.synapsesPerChip}`,
      synapses,
      'reduce the layer widths',
    );
  }

  // Assign core ids in layer order and fill each core greedily.
  const cores: CoreAssignment[] = [];
  const out: CoreMapping['layers'] = [];
  let next = 0;
  layers.forEach((l, k) => {
    const ids: number[] = [];
    const destinations = k === layers.length - 1 ? 1 : coreCount[k + 1]!;
    for (let first = 0; first < l.nOut; first += perCore[k]!) {
      const last = Math.min(l.nOut, first + perCore[k]!);
      const core = next++;
      const synapses = (last - first) * l.nIn;
      const pos = corePosition(chip, core);
      cores.push({
        core,
        layer: l.name,
        first,
        last,
        synapses,
        synapticBits: synapses * l.weightBits + (last - first) * chip.neuronStateBits,
        fanIn: l.nIn,
        fanOut: (last - first) * destinations,
        ...pos,
      });
      ids.push(core);
    }
    out.push({ name: l.name, cores: ids, neuronsPerCore: perCore[k]! });
  });
  return { chip: chip.name, coresUsed: next, layers: out, cores };
}

/** Tile hops between two cores: east-west and north-south, and whether they share a tile. */
export function hopsBetween(
  chip: ChipLimits,
  a: number,
  b: number,
): { ew: number; ns: number; sameTile: boolean } {
  const p = corePosition(chip, a);
  const q = corePosition(chip, b);
  return { ew: Math.abs(p.x - q.x), ns: Math.abs(p.y - q.y), sameTile: p.tile === q.tile };
}
