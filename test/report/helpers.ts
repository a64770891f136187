// A small demo result with hand-made numbers, for report tests.
import type { DemoResult, ModeRow } from '../../src/demo/types.js';
import { estimateEnergy } from '../../src/energy/model.js';
import type { EnergyTable } from '../../src/energy/table.js';

const table: EnergyTable = {
  target: 'toy',
  figures: {
    synop: {
      value: 2e-11,
      range: [1e-11, 4e-11],
      unit: 'J',
      source: 'test figure',
      year: 2020,
      kind: 'estimate',
    },
  },
  terms: [{ count: 'synops', figure: 'synop' }],
};

function mode(name: string, sigmaLambda: number, spikes: number): ModeRow {
  const counts = { spikes, synops: spikes * 100, macs: 0, neuronUpdates: 1000, weightReads: 0 };
  const row = {
    accuracy: 0.9,
    perInference: counts,
    energy: estimateEnergy(table, counts),
    artefacts: [],
    notes: [],
  };
  return {
    mode: name,
    delta: -sigmaLambda / 2,
    sigmaLambda,
    model: `${name}.nirpb`,
    floatAccuracy: 0.91,
    quantizedAccuracy: 0.9,
    spikesPerInference: spikes,
    synopsPerInference: spikes * 100,
    denseSynopsPerInference: 1e6,
    energyPerInferenceJ: { fpga: row.energy.energyPerInferenceJ, annEquivalent: 1e-6 },
    energyRangeJ: { fpga: row.energy.rangeJ },
    annEquivalent: { macs: 1e5, fp32J: 4.6e-7, int8J: 2.3e-8, withReadsJ: 9.6e-7 },
    targets: { fpga: row },
    raster: Array.from({ length: spikes }, (_, i) => ({
      step: i % 5,
      layer: `lif${1 + (i % 3)}`,
      neuron: i % 17,
    })),
    artefacts: {},
  };
}

export function makeDemoResult(): DemoResult {
  return {
    testInputs: 10,
    modes: [mode('dissipative', -4, 40), mode('expansive', 3, 120)],
    seconds: 1,
  };
}
