// Emulate a quantised model on encoded inputs exactly as run_lava.py runs network.net: graded
// payloads (or spikes) into the first Dense, one step of delay per Dense, and netx's LIFReset
// pipeline so layer k (from 1) processes an input's steps at Lava steps k+1 … k+T.
import type { EncodedSet } from '../../src/encoding/encoder.js';
import type { EmulationResult, LayerCounts } from '../../src/emulator/result.js';
import { accuracyOf, argmaxRows } from '../../src/emulator/result.js';
import { DynalignError } from '../../src/util/errors.js';
import { roundHalfEven } from './profile.js';
import { buildNetxNetwork } from './netx-model.js';
import type { LoihiQuantisation } from './quantise.js';
import { Simulator } from './simulate.js';

/** Integer input frames of one run, row-major [n][T][channels], and how many were clamped. */
export interface IntegerInputs {
  n: number;
  steps: number;
  channels: number;
  data: Int32Array;
  clamped: number;
}

/** Graded payloads round_half_even(x·s·g_t) clamped to the payload width, or 0/1 spikes. */
export function toIntegerInputs(q: LoihiQuantisation, inputs: EncodedSet): IntegerInputs {
  const data = new Int32Array(inputs.data.length);
  const max = 2 ** (q.inputBits - 1) - 1;
  const gains = q.stepGains.gains;
  let clamped = 0;
  for (let i = 0; i < data.length; i++) {
    const x = inputs.data[i]!;
    if (!q.graded) {
      data[i] = x !== 0 ? 1 : 0;
      continue;
    }
    const t = Math.floor(i / inputs.channels) % inputs.steps;
    const p = roundHalfEven(x * q.inputScale * (gains[t] ?? 1));
    data[i] = Math.max(-max, Math.min(max, p));
    if (data[i] !== p) clamped++;
  }
  return { n: inputs.n, steps: inputs.steps, channels: inputs.channels, data, clamped };
}

/** Run every input through the Loihi network; counts cover each layer's window only. */
export function emulateQuantised(
  q: LoihiQuantisation,
  inputs: EncodedSet,
): { result: EmulationResult; ints: IntegerInputs; sim: Simulator } {
  const net = buildNetxNetwork(q.desc, q.run);
  checkInputShape(q, net.nInputs, inputs);
  const ints = toIntegerInputs(q, inputs);
  const sim = new Simulator(net);
  const depth = net.layers.length;
  const T = q.steps;
  const nOut = net.layers[depth - 1]!.n;
  const outputCounts = new Int32Array(inputs.n * nOut);
  const zero = new Int32Array(net.nInputs);
  for (let n = 0; n < inputs.n; n++) {
    sim.resetState();
    for (let t = 1; t <= T + depth; t++) {
      sim.inputActive = t <= T;
      for (let k = 0; k < depth; k++) sim.active[k] = t >= k + 2 && t <= k + 1 + T;
      const o = (n * T + t - 1) * net.nInputs;
      sim.step(t, t <= T ? ints.data.subarray(o, o + net.nInputs) : zero);
      if (!sim.active[depth - 1]) continue;
      const out = sim.spikes[depth - 1]!;
      for (let i = 0; i < nOut; i++) outputCounts[n * nOut + i]! += out[i]!;
    }
  }
  const predictions = argmaxRows(outputCounts, inputs.n, nOut);
  const perLayer: LayerCounts[] = net.layers.map((l, k) => {
    const c = sim.counts[k]!;
    return {
      name: l.name,
      neurons: l.n,
      spikes: c.spikes,
      synops: c.synops,
      macs: c.macs,
      neuronUpdates: c.neuronUpdates,
      weightReads: c.synops + c.macs,
    };
  });
  const result: EmulationResult = {
    target: 'loihi',
    n: inputs.n,
    steps: T,
    predictions,
    outputCounts,
    perLayer,
  };
  if (inputs.labels) result.accuracy = accuracyOf(predictions, inputs.labels);
  return { result, ints, sim };
}

/** Inputs must have the quantised network's steps and input channels (exit 2 otherwise). */
export function checkInputShape(q: LoihiQuantisation, nInputs: number, inputs: EncodedSet): void {
  if (inputs.steps === q.steps && inputs.channels === nInputs) return;
  throw new DynalignError('E_LOIHI_INPUTS', 'inputs do not match the network', {
    field: 'inputs',
    value: { steps: inputs.steps, channels: inputs.channels },
    fix: `give ${q.steps} steps of ${nInputs} channels (the model's encoder)`,
  });
}
