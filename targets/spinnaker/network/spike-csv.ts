// dynalign's spike format (as `dynalign emulate --record` writes it): a `#` stamp line, the
// header `sample,step,layer,neuron`, one spike a line; `layer` is the IR neuron node's name
// (quoted as RFC 4180 when it holds a comma, quote or line break) and `step` the model step,
// i.e. the board tick minus the layer's pipeline lag. run_pynn.py writes the same.
import { readFile } from 'node:fs/promises';
import { DynalignError } from '../../../src/util/errors.js';

/** The column line every dynalign spike file carries after its stamp. */
export const SPIKE_CSV_HEADER = 'sample,step,layer,neuron';

export interface SpikeRecord {
  sample: number;
  step: number;
  layer: string;
  neuron: number;
}

function order(a: SpikeRecord, b: SpikeRecord): number {
  if (a.sample !== b.sample) return a.sample - b.sample;
  if (a.step !== b.step) return a.step - b.step;
  if (a.layer !== b.layer) return a.layer < b.layer ? -1 : 1;
  return a.neuron - b.neuron;
}

/** A CSV field, quoted only when it must be. */
function field(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV text of a set of spikes, in canonical order, under a stamp line. */
export function formatSpikeCsv(records: SpikeRecord[], stamp: string): string {
  const lines = [...records]
    .sort(order)
    .map((r) => `${r.sample},${r.step},${field(r.layer)},${r.neuron}`);
  return [`# ${stamp.replace(/[\r\n]/g, ' ')}`, SPIKE_CSV_HEADER, ...lines].join('\n') + '\n';
}

/** Split CSV text into records of fields (quotes and embedded line breaks handled). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((cur += '"'), i++);
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(cur), (cur = ''));
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      (row.push(cur), rows.push(row), (row = []), (cur = ''));
    } else cur += c;
  }
  if (cur !== '' || row.length > 0) (row.push(cur), rows.push(row));
  return rows.filter((r) => !(r.length === 1 && r[0] === '') && !r[0]!.startsWith('#'));
}

/** Parse a spike CSV; a malformed line is a DynalignError naming the file and record. */
export function parseSpikeCsv(text: string, file: string): SpikeRecord[] {
  const rows = csvRows(text);
  if (rows[0]?.join(',') !== SPIKE_CSV_HEADER) {
    throw new DynalignError('E_SPIKE_CSV', 'not a dynalign spike file', {
      file,
      field: 'header',
      value: rows[0]?.join(',') ?? '',
      fix: `the first line after '#' comments must be '${SPIKE_CSV_HEADER}'`,
    });
  }
  return rows.slice(1).map((r, i) => {
    const [sample, step, neuron] = [Number(r[0]), Number(r[1]), Number(r[3])];
    if (r.length !== 4 || ![sample, step, neuron].every((x) => Number.isInteger(x) && x >= 0)) {
      throw new DynalignError('E_SPIKE_CSV', 'malformed spike record', {
        file,
        field: `record ${i + 1}`,
        value: r.join(','),
        fix: 'each record is sample,step,layer,neuron: integers ≥ 0 around the layer name',
      });
    }
    return { sample, step, layer: r[2]!, neuron };
  });
}

/** Read and parse a spike CSV file. */
export async function readSpikeCsv(file: string): Promise<SpikeRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new DynalignError('E_SPIKE_CSV', 'cannot read spike file', {
      file,
      fix: 'check the path',
      cause,
    });
  }
  return parseSpikeCsv(text, file);
}

function describe(r: SpikeRecord, side: string): string {
  const layer = JSON.stringify(r.layer);
  return `sample ${r.sample} step ${r.step} layer ${layer} neuron ${r.neuron} (${side} only)`;
}

/** Compare emulated spikes with recorded ones; the first difference in canonical order. */
export function compareSpikeRecords(
  emulated: SpikeRecord[],
  recorded: SpikeRecord[],
  samples: number,
): { passed: boolean; summary: string; firstDifference?: string } {
  const a = [...emulated].sort(order);
  const b = recorded.filter((r) => r.sample < samples).sort(order);
  const counts = `${a.length} emulated, ${b.length} recorded`;
  const summary = `spikes differ: ${counts} over ${samples} inferences`;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = order(a[i]!, b[i]!);
    if (c !== 0) {
      const firstDifference = c < 0 ? describe(a[i]!, 'emulated') : describe(b[i]!, 'recorded');
      return { passed: false, summary, firstDifference };
    }
  }
  if (a.length !== b.length) {
    const firstDifference =
      a.length > b.length ? describe(a[n]!, 'emulated') : describe(b[n]!, 'recorded');
    return { passed: false, summary, firstDifference };
  }
  return { passed: true, summary: `all ${a.length} spikes of ${samples} inferences match` };
}
