// The quantiser's report, one entry per synaptic node and per neuron node, and its text form.
import type { NeuronReport } from './fold.js';
import type { InputScale } from './input-scale.js';

export interface SynapseReport {
  name: string;
  type: string;
  /** Real value of one weight unit, and the power-of-two shift of the sum. */
  scale: number;
  shift: number;
  weights: number;
  bitsUsed: number;
  clipRate: number;
  relError: number;
  biasClipped: number;
}

export interface QuantReport {
  profile: string;
  input?: InputScale;
  synapses: SynapseReport[];
  neurons: NeuronReport[];
  notes: string[];
}

/** Human-readable table of a report (the CLI's text output). */
export function formatReport(r: QuantReport): string {
  const lines = [`profile ${r.profile}`];
  if (r.input) {
    lines.push(
      `input: ${r.input.bits} bits, unit ${r.input.scale.toPrecision(4)} (${r.input.source})`,
    );
  }
  lines.push('synapse          weights  bits  clip%   w-error  scale       shift');
  for (const s of r.synapses) {
    const cells = [
      s.name.padEnd(16),
      String(s.weights).padStart(7),
      String(s.bitsUsed).padStart(5),
      (100 * s.clipRate).toFixed(2).padStart(6),
      s.relError.toExponential(2).padStart(9),
      s.scale.toPrecision(4).padEnd(10),
      String(s.shift),
    ];
    lines.push(cells.join(' '));
  }
  lines.push('neuron           bits  threshold        decay-error  bias-clipped');
  for (const n of r.neurons) {
    const cells = [
      n.name.padEnd(16),
      String(n.bitsUsed).padStart(4),
      ` ${n.threshold.min}..${n.threshold.max}`.padEnd(16),
      n.decayError.toExponential(2).padStart(12),
      ` ${n.biasClipped}`,
    ];
    lines.push(cells.join(' '));
  }
  return [...lines, ...r.notes.map((n) => `note: ${n}`)].join('\n');
}
