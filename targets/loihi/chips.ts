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
  maxFanIn: 4096,
  maxFanOut: 4096,
  coresPerTile: 4,
  meshColumns: 8,
  sources: [
    'cores, compartments, synaptic memory, fan-in and fan-out: Davies et al. 2018 (loihi.md §3)',
    'assumption: 4 cores per tile on an 8-column mesh of tiles (hop counting only)',
  ],
};

/** Loihi 2 (§3): 128 cores, up to 8192 neurons per core (secondary source). */
export const LOIHI2: ChipLimits = {
  name: 'loihi2',
  cores: 128,
  neuronsPerCore: 8192,
  synapticBitsPerCore: 128 * 1024 * 8,
  maxFanIn: 4096,
  maxFanOut: 4096,
  coresPerTile: 4,
  meshColumns: 8,
  sources: [
    'cores: Intel Loihi 2 brief 2021; 8192 neurons per core: secondary source (loihi.md §3)',
    'assumption: 128 KB synaptic memory per core (192 KB is also quoted; unverified)',
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
