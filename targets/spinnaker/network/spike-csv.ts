// dynalign's spike format for SpiNNaker runs: CSV `sample,step,layer,neuron`, one spike a line,
// sorted. `layer` is the chain index of the IR layer (manifest.json names it); `step` is the
// model step, i.e. the board tick minus that layer's pipeline lag. run_pynn.py writes the same.
import { readFile } from 'node:fs/promises';
import { DynalignError } from '../../../src/util/errors.js';

export const SPIKE_CSV_HEADER = 'sample,step,layer,neuron';

export interface SpikeRecord {
  sample: number;
  step: number;
  layer: number;
  neuron: number;
}

function order(a: SpikeRecord, b: SpikeRecord): number {
  return a.sample - b.sample || a.step - b.step || a.layer - b.layer || a.neuron - b.neuron;
}

/** The CSV text of a set of spikes, in canonical order. */
export function formatSpikeCsv(records: SpikeRecord[]): string {
  const lines = [...records].sort(order).map((r) => `${r.sample},${r.step},${r.layer},${r.neuron}`);
  return [SPIKE_CSV_HEADER, ...lines].join('\n') + '\n';
}

/** Parse a spike CSV; a malformed line is a DynalignError naming the file and line. */
export function parseSpikeCsv(text: string, file: string): SpikeRecord[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines[0]?.trim() !== SPIKE_CSV_HEADER) {
    throw new DynalignError('E_SPIKE_CSV', 'not a dynalign spike file', {
      file,
      field: 'line 1',
      value: lines[0] ?? '',
      fix: `the first line must be '${SPIKE_CSV_HEADER}'`,
    });
  }
  return lines.slice(1).map((line, i) => {
    const v = line.split(',').map((x) => Number(x));
    if (v.length !== 4 || v.some((x) => !Number.isInteger(x) || x < 0)) {
      throw new DynalignError('E_SPIKE_CSV', 'malformed spike line', {
        file,
        field: `line ${i + 2}`,
        value: line,
        fix: 'each line holds four non-negative integers: sample,step,layer,neuron',
      });
    }
    return { sample: v[0]!, step: v[1]!, layer: v[2]!, neuron: v[3]! };
  });
}

/** Read and parse a spike CSV file. */
export async function readSpikeCsv(file: string): Promise<SpikeRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new DynalignError('E_SPIKE_CSV', 'cannot read spike file', { file, fix: 'check the path', cause });
  }
  return parseSpikeCsv(text, file);
}

/** Compare emulated spikes with recorded ones; the first difference in canonical order. */
export function compareSpikeRecords(
  emulated: SpikeRecord[],
  recorded: SpikeRecord[],
  samples: number,
): { passed: boolean; summary: string; firstDifference?: string } {
  const a = [...emulated].sort(order);
  const b = recorded.filter((r) => r.sample < samples).sort(order);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (order(a[i]!, b[i]!) !== 0) {
      const first = order(a[i]!, b[i]!) < 0 ? a[i]! : b[i]!;
      const side = first === a[i] ? 'emulated only' : 'recorded only';
      return {
        passed: false,
        summary: `spikes differ: ${a.length} emulated, ${b.length} recorded`,
        firstDifference: `sample ${first.sample} step ${first.step} layer ${first.layer} neuron ${first.neuron} (${side})`,
      };
    }
  }
  if (a.length !== b.length) {
    const extra = a.length > b.length ? a[n]! : b[n]!;
    return {
      passed: false,
      summary: `spikes differ: ${a.length} emulated, ${b.length} recorded`,
      firstDifference: `sample ${extra.sample} step ${extra.step} layer ${extra.layer} neuron ${extra.neuron} (${a.length > b.length ? 'emulated only' : 'recorded only'})`,
    };
  }
  return { passed: true, summary: `all ${a.length} spikes of ${samples} inferences match` };
}
