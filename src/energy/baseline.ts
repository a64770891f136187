// Baselines beside the SNN: the ANN with the same layers, and the SNN's own dense count.
import { readFileSync } from 'node:fs';
import type { EnergyFigure } from './table.js';

interface Baselines {
  figures: {
    fp32Mac: EnergyFigure;
    int8Mac: EnergyFigure;
    fp32Ac: EnergyFigure;
    sramRead32: EnergyFigure;
  };
}

export const BASELINES: Baselines = JSON.parse(
  readFileSync(new URL('./baselines.json', import.meta.url), 'utf8'),
) as Baselines;

export interface LayerShape {
  nIn: number;
  nOut: number;
}

/** MACs of one forward pass of the equivalent ANN (each layer nIn × nOut, once). */
export function annMacs(layers: readonly LayerShape[]): number {
  return layers.reduce((a, l) => a + l.nIn * l.nOut, 0);
}

/** Synaptic operations if every synapse were touched every step (no sparsity). */
export function denseSynops(layers: readonly LayerShape[], steps: number): number {
  return annMacs(layers) * steps;
}

/**
 * Energy of one ANN inference with float32 and int8 MACs (Horowitz 45 nm); `withReadsJ` adds
 * one on-chip SRAM weight read per float MAC.
 */
export function annEnergy(layers: readonly LayerShape[]): {
  fp32J: number;
  int8J: number;
  withReadsJ: number;
  macs: number;
} {
  const macs = annMacs(layers);
  const f = BASELINES.figures;
  return {
    macs,
    fp32J: macs * f.fp32Mac.value,
    int8J: macs * f.int8Mac.value,
    withReadsJ: macs * (f.fp32Mac.value + f.sramRead32.value),
  };
}
