// Shapes of the demo's result (stdout with --json, the table and the report read them).
import type { TargetName } from '../targets/adapter.js';
import type { perInference } from '../emulator/result.js';
import type { EnergyEstimate } from '../energy/model.js';
import type { RasterEvent } from '../report/plots.js';

export interface TargetRow {
  accuracy: number;
  perInference: ReturnType<typeof perInference>;
  energy: EnergyEstimate;
  artefacts: string[];
  notes: string[];
}

export interface ModeRow {
  mode: string;
  delta: number;
  sigmaLambda: number;
  model: string;
  floatAccuracy: number;
  quantizedAccuracy: number;
  spikesPerInference: number;
  synopsPerInference: number;
  denseSynopsPerInference: number;
  energyPerInferenceJ: Record<string, number>;
  energyRangeJ: Record<string, [number, number]>;
  annEquivalent: { macs: number; fp32J: number; int8J: number; withReadsJ: number };
  targets: Partial<Record<TargetName, TargetRow>>;
  /** Spikes of the first test input under the int8 profile (for the report's raster). */
  raster: RasterEvent[];
  artefacts: Partial<Record<TargetName, string[]>>;
}

export interface DemoResult {
  testInputs: number;
  modes: ModeRow[];
  seconds: number;
  /** The HTML report written beside the artefacts. */
  report?: string;
}
