// Per-core limits of Loihi 1 and Loihi 2 (shared/docs/loihi.md §3), and the mesh layout used to
// count tile hops. Every figure that is not in Intel's papers says so.

export type ChipName = 'loihi1' | 'loihi2';

export interface ChipLimits {
  name: ChipName;
  cores: number;
  /** Neuron compartments per core. */
  neuronsPerCore: number;
  /** Synaptic memory per core in bits. */
  synapticBitsPerCore: number;
  /** Bits of that memory each neuron's state takes (0 where state has its own memory). */
  neuronStateBits: number;
  /** Synapses the whole chip can hold, where a chip-wide figure is published. */
  synapsesPerChip?: number;
  /** Distinct input axons a core can receive (fan-in). */
  maxFanIn: number;
  /** Core-to-core output edges a core can send (fan-out). */
  maxFanOut: number;
  /** Cores per tile and tiles per mesh row, for hop counting. */
  coresPerTile: number;
  meshColumns: number;
  /** Where each figure comes from, and which are assumptions. */
  sources: string[];
}

/** Loihi 1 (Davies et al. 2018, §3): 128 cores, 1024 compartments, 128 KB, 4096 in/out. */
export const LOIHI1: ChipLimits = {
  name: 'loihi1',
  cores: 128,
  neuronsPerCore: 1024,
  synapticBitsPerCore: 128 * 1024 * 8,
  neuronStateBits: 0,
  maxFanIn: 4096,
  maxFanOut: 4096,
  coresPerTile: 4,
  meshColumns: 8,
  sources: [
    'cores, compartments, synaptic memory, fan-in and fan-out: Davies et al. 2018 (loihi.md §3)',
    'assumption: 4 cores per tile on an 8-column mesh of tiles (hop counting only)',
  ],
};

/**
 * Loihi 2 (§3): 128 cores, up to 8192 neurons per core, 120M synapses per chip; one SRAM per
 * core of 192 KB shared by synapses and neuron state ("flexible allocation"). The SRAM size is
 * unverified (128 KB is also quoted), so it is an assumption; 1M neurons per chip is 128 × 8192.
 */
export const LOIHI2: ChipLimits = {
  name: 'loihi2',
  cores: 128,
  neuronsPerCore: 8192,
  synapticBitsPerCore: 192 * 1024 * 8,
  neuronStateBits: 2 * 24,
  synapsesPerChip: 120e6,
  maxFanIn: 4096,
  maxFanOut: 4096,
  coresPerTile: 4,
  meshColumns: 8,
  sources: [
    'cores, 1M neurons and 120M synapses per chip: Intel Loihi 2 brief 2021 (loihi.md §3)',
    '8192 neurons per core: secondary source (loihi.md §3)',
    'assumption: 192 KB of SRAM per core shared by synapses and neuron state (Intel brief ' +
      '"flexible allocation"; 128 KB is also quoted; unverified, loihi.md §3)',
    'assumption: each neuron keeps 48 bits of state in that SRAM (u and v, 24 bits each, as ' +
      "Lava's CUBA LIF holds them); microcode-defined neurons may use more",
    'assumption: fan-in and fan-out limits as Loihi 1 (none published for Loihi 2)',
    'assumption: 4 cores per tile on an 8-column mesh of tiles (hop counting only)',
  ],
};

/** Chips by their --chip name. */
export const CHIPS: Record<ChipName, ChipLimits> = { loihi1: LOIHI1, loihi2: LOIHI2 };

/** Mesh position of a core: tile column x and row y. */
export function corePosition(
  chip: ChipLimits,
  core: number,
): { tile: number; x: number; y: number } {
  const tile = Math.floor(core / chip.coresPerTile);
  return { tile, x: tile % chip.meshColumns, y: Math.floor(tile / chip.meshColumns) };
}
