// Device versus emulator, spike for spike and cycle for cycle; the first difference in words.
import type { DeviceRun } from './client.js';
import type { EmulatorTrace } from './program.js';

export interface Comparison {
  passed: boolean;
  inferences: number;
  spikesCompared: number;
  /** Inferences whose rasters and cycles all match. */
  matching: number;
  firstDifference?: string;
}

/** Output neurons set in one step of a raster. */
function spikesAt(r: Uint8Array, base: number, outBytes: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < outBytes; k++)
    for (let b = 0; b < 8; b++) if ((r[base + k]! >> b) & 1) out.push(8 * k + b);
  return out;
}

/** Compare every step of every inference; report the first mismatch found. */
export function compareRuns(dev: DeviceRun, emu: EmulatorTrace): Comparison {
  let first: string | undefined;
  let matching = 0;
  let spikes = 0;
  for (let i = 0; i < dev.n; i++) {
    let same = dev.cycles[i] === emu.cycles[i];
    if (!same && first === undefined) {
      first = `inference ${i}: device ${dev.cycles[i]} cycles, emulator ${emu.cycles[i]}`;
    }
    for (let t = 0; t < dev.steps; t++) {
      const base = (i * dev.steps + t) * dev.outBytes;
      const d = spikesAt(dev.rasters, base, dev.outBytes);
      const e = spikesAt(emu.rasters, base, emu.outBytes);
      spikes += e.length;
      if (d.join() === e.join()) continue;
      same = false;
      if (first === undefined) {
        const both = `device spiked [${d.join(', ')}], emulator [${e.join(', ')}]`;
        first = `inference ${i}, step ${t}: ${both}`;
      }
    }
    if (same) matching++;
  }
  return {
    passed: first === undefined,
    inferences: dev.n,
    spikesCompared: spikes,
    matching,
    ...(first === undefined ? {} : { firstDifference: first }),
  };
}
