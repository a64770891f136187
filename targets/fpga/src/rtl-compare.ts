// Compare the harness trace (RTL) with the emulator, step by step and layer by layer.
import type { StepTrace } from './core.js';

export interface RtlStep {
  spikes: number[][];
  out: number[];
  harnessCycles: number;
  registerCycles: number;
}

export interface RtlTrace {
  steps: Map<string, RtlStep>;
  totals?: { cycles: number; synops: number; macs: number; spikes: number; steps: number };
}

/** Parse the harness's S / O / C / T lines. */
export function parseTrace(text: string): RtlTrace {
  const steps = new Map<string, RtlStep>();
  const get = (i: string, t: string): RtlStep => {
    const key = `${i}/${t}`;
    let s = steps.get(key);
    if (!s) {
      s = { spikes: [], out: [], harnessCycles: -1, registerCycles: -1 };
      steps.set(key, s);
    }
    return s;
  };
  let totals: RtlTrace['totals'];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] === 'S') get(f[1]!, f[2]!).spikes[Number(f[3])] = f.slice(5).map(Number);
    else if (f[0] === 'O') get(f[1]!, f[2]!).out = f.slice(3).map(Number);
    else if (f[0] === 'C') {
      const s = get(f[1]!, f[2]!);
      s.harnessCycles = Number(f[3]);
      s.registerCycles = Number(f[4]);
    } else if (f[0] === 'T') {
      const [cycles, synops, macs, spikes, n] = f.slice(1).map(Number) as number[];
      totals = { cycles: cycles!, synops: synops!, macs: macs!, spikes: spikes!, steps: n! };
    }
  }
  return { steps, ...(totals ? { totals } : {}) };
}

/** The first difference between one emulated step and the RTL, in words; undefined if equal. */
export function compareStep(
  t: StepTrace,
  rtl: RtlStep | undefined,
  names: string[],
): string | undefined {
  const at = `input ${t.input}, step ${t.step}`;
  if (!rtl) return `${at}: the RTL produced no result`;
  for (let l = 0; l < t.spikes.length; l++) {
    const d = firstSetDifference(Array.from(t.spikes[l]!), rtl.spikes[l] ?? []);
    if (d) return `${at}, layer ${l} (${names[l]}), neuron ${d.neuron}: ${d.what}`;
  }
  const last = Array.from(t.spikes[t.spikes.length - 1]!);
  const o = firstSetDifference(last, rtl.out);
  if (o) return `${at}, OUT_BITS register, neuron ${o.neuron}: ${o.what}`;
  if (rtl.harnessCycles !== t.cycles || rtl.registerCycles !== t.cycles) {
    return (
      `${at}: cycles emulator ${t.cycles}, RTL ${rtl.harnessCycles} ` +
      `(CYCLES_LAST ${rtl.registerCycles})`
    );
  }
  return undefined;
}

function firstSetDifference(
  emu: number[],
  rtl: number[],
): { neuron: number; what: string } | undefined {
  const a = new Set(emu);
  const b = new Set(rtl);
  const all = [...new Set([...emu, ...rtl])].sort((x, y) => x - y);
  for (const n of all) {
    if (a.has(n) && !b.has(n)) return { neuron: n, what: 'emulator spiked, RTL did not' };
    if (!a.has(n) && b.has(n)) return { neuron: n, what: 'RTL spiked, emulator did not' };
  }
  if (emu.length !== rtl.length) return { neuron: rtl[0] ?? -1, what: 'RTL reports a spike twice' };
  return undefined;
}
