// Numbers out of the Yosys and nextpnr-ice40 logs.

/** Cell counts of the last `stat` in a Yosys log. */
export function parseYosysStat(log: string): Record<string, number> {
  const at = log.lastIndexOf('Number of cells:');
  const cells: Record<string, number> = {};
  if (at < 0) return cells;
  for (const line of log.slice(at).split('\n').slice(1)) {
    const m = /^\s+(\S+)\s+(\d+)\s*$/.exec(line);
    if (!m) {
      if (line.trim() === '') continue;
      break;
    }
    cells[m[1]!] = Number(m[2]);
  }
  return cells;
}

/** Utilisation and Fmax from a nextpnr-ice40 log. */
export function parseNextpnrLog(log: string): {
  logicCells: number;
  ebr: number;
  spram: number;
  dsp: number;
  fmaxMHz: number;
} {
  const used = (cell: string): number => {
    const all = [...log.matchAll(new RegExp(`${cell}:\\s+(\\d+)/\\s*(\\d+)`, 'g'))];
    return all.length ? Number(all[all.length - 1]![1]) : 0;
  };
  const f = [...log.matchAll(/Max frequency for clock[^:]*:\s+([\d.]+) MHz/g)];
  return {
    logicCells: used('ICESTORM_LC'),
    ebr: used('ICESTORM_RAM'),
    spram: used('ICESTORM_SPRAM'),
    dsp: used('ICESTORM_DSP'),
    fmaxMHz: f.length ? Number(f[f.length - 1]![1]) : 0,
  };
}
