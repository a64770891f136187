// Trained chain → PyNN network for sPyNNaker. Per neuron, β becomes tau_m at the chosen
// timestep and cm is picked so the chip's closed form V' = e^(−dt/τ)·V + (1 − e^(−dt/τ))·R·I
// adds exactly the model's input; weights, bias and analog input are then divided by the gain
// the chip really computes, K = R·(1 − exp_TC), from the same s16.15 constants it uses.
import { extractChain, type Chain, type ChainLayer } from '../../../src/ir/chain.js';
import type { IrModel } from '../../../src/ir/model.js';
import { DynalignError } from '../../../src/util/errors.js';
import type { SpinnNetwork, SpinnPopulation, SpinnProjection } from '../network/types.js';
import { encodeS1615, S1615_ONE, U032_ONE } from '../profile/s1615.js';
import { expSynapseConstants, lifChipConstants } from '../profile/lif-constants.js';
import { delayTicks } from '../profile/delays.js';
import type { SpinnakerOptions } from './options.js';

/** A chain mapped onto populations, with what the host needs to drive the first layer. */
export interface MappedChain {
  chain: Chain;
  network: SpinnNetwork;
  /** Chain index of the first on-chip layer: 0 with current input, 1 with host spikes. */
  firstOnChip: number;
  /** nA per model unit of W x + b for each neuron of the current-driven first population. */
  currentScale: Float64Array;
  /** Largest |current| (nA) per first-layer neuron for which alpha = I·R stays inside s16.15. */
  currentLimit: Float64Array;
  notes: string[];
}

type MapOptions = SpinnakerOptions;

/** Largest magnitude an s16.15 value holds, mV or nA (docs §1.1). */
const S1615_LIMIT = 65535;

/** Snap a value to the s16.15 grid, so the host encodes it to exactly these bits. */
function snap(x: number, field: string, node: string): number {
  try {
    return encodeS1615(x) / S1615_ONE;
  } catch {
    throw new DynalignError(
      'E_SPINNAKER_RANGE',
      'parameter does not fit sPyNNaker s16.15 (±65536)',
      {
        field: `${node}.${field}`,
        value: x,
        fix: 'lower --v-scale, or retrain with smaller weights or β further from 1',
      },
    );
  }
}

/** Read the model as a feed-forward chain; anything else is a clear usage error. */
function chainOf(model: IrModel): Chain {
  try {
    return extractChain(model);
  } catch (cause) {
    throw new DynalignError('E_SPINNAKER_GRAPH', `cannot map graph: ${(cause as Error).message}`, {
      field: 'graph',
      fix: 'the SpiNNaker target takes Input → (Affine|Linear → LIF)* → Output chains',
      cause,
    });
  }
}

/** Membrane and gain of one layer: tau_m, cm and the chip's gain K per neuron. */
function membrane(layer: ChainLayer, o: MapOptions) {
  const n = layer.nOut;
  const dt = o.timestep;
  const tauM = new Float64Array(n);
  const cm = new Float64Array(n);
  const gain = new Float64Array(n);
  const expTc = new Float64Array(n);
  const betaMax = Math.exp(-dt / o.maxTauM);
  let clamped = 0;
  for (let j = 0; j < n; j++) {
    const trained = layer.beta[j]!;
    if (!(trained > 0 && trained < 1)) {
      throw new DynalignError('E_SPINNAKER_BETA', 'sPyNNaker LIF needs a leak 0 < β < 1', {
        field: `${layer.neuronName}.beta[${j}]`,
        value: trained,
        fix: 'IF neurons (β = 1) have no closed form on sPyNNaker; retrain with a leak',
      });
    }
    const beta = Math.min(trained, betaMax);
    if (beta < trained) clamped++;
    // β = e^(−dt/τ_m); cm = τ_m(1 − β)/dt makes R(1 − β) = dt, i.e. unit gain in mV per nA·ms.
    tauM[j] = snap(-dt / Math.log(beta), 'tau_m', layer.neuronName);
    cm[j] = snap((tauM[j]! * (1 - beta)) / dt, 'cm', layer.neuronName);
    const c = lifChipConstants({
      tauM: encodeS1615(tauM[j]!),
      cm: encodeS1615(cm[j]!),
      tauRefrac: encodeS1615(o.tauRefrac),
      timestep: encodeS1615(dt),
    });
    expTc[j] = c.expTc / S1615_ONE;
    gain[j] = (c.r / S1615_ONE) * (1 - expTc[j]!);
    if (!(gain[j]! > 0) || cm[j] === 0) {
      throw new DynalignError('E_SPINNAKER_BETA', 'β is too close to 1 for s16.15 exp_TC', {
        field: `${layer.neuronName}.beta[${j}]`,
        value: beta,
        fix: `use β ≤ ${(1 - 2 ** -14).toFixed(6)} or a longer --timestep`,
      });
    }
  }
  const r = Float64Array.from(tauM, (t, j) => t / cm[j]!);
  return { tauM, cm, gain, expTc, clamped, betaMax, r };
}

/** One population for a chain layer; `withBias`: bias DCSources (layers fed by projections). */
function population(layer: ChainLayer, k: number, o: MapOptions, s: number, lag: number) {
  const withBias = k > 0;
  const n = layer.nOut;
  const m = membrane(layer, o);
  const notes: string[] = [];
  if (m.clamped > 0) {
    notes.push(
      `${m.clamped} of ${n} neurons of ${layer.neuronName} have β above ` +
        `${m.betaMax.toFixed(6)}: clamped to tau_m ${o.maxTauM} ms (--max-tau-m), since ` +
        'alpha = I·R would overflow s16.15',
    );
  }
  const f = (fn: (j: number) => number, field: string) =>
    Float64Array.from({ length: n }, (_, j) => snap(fn(j), field, layer.neuronName));
  const lsb = 1 / S1615_ONE;
  const pop: SpinnPopulation = {
    label: `layer${k}`,
    source: layer.neuronName,
    size: n,
    cell: o.cell,
    vScale: s,
    lag,
    params: {
      tau_m: m.tauM,
      cm: m.cm,
      v_rest: f((j) => (s * (1 - layer.beta[j]!) * layer.vLeak[j]!) / (1 - m.expTc[j]!), 'v_rest'),
      v_reset: f((j) => s * layer.vReset[j]!, 'v_reset'),
      // The chip fires on V >= v_thresh; one LSB above θ gives the model's strict V > θ.
      v_thresh: f(
        (j) => snap(s * layer.vThreshold[j]!, 'v_thresh', layer.neuronName) + lsb,
        'v_thresh',
      ),
      tau_refrac: new Float64Array(n).fill(snap(o.tauRefrac, 'tau_refrac', layer.neuronName)),
      i_offset: new Float64Array(n),
      v_init: new Float64Array(n),
    },
    bias: f((j) => (withBias ? (s * layer.gain[j]! * layer.bias[j]!) / m.gain[j]! : 0), 'bias'),
  };
  if (o.cell === 'IF_curr_exp') {
    pop.params.tau_syn_E = new Float64Array(n).fill(snap(o.tauSyn, 'tau_syn', layer.neuronName));
    pop.params.tau_syn_I = pop.params.tau_syn_E.slice();
  }
  return { pop, gain: m.gain, r: m.r, notes };
}

/** nA per unit of model weight for a spike into neuron j: delta 1/dt input, exp init (§1.5). */
function synapseScale(o: MapOptions): number {
  if (o.cell === 'IF_curr_delta') return o.timestep;
  const init = expSynapseConstants(encodeS1615(o.tauSyn), encodeS1615(o.timestep)).init;
  return U032_ONE / init;
}

/** Split a signed [nOut][nIn] matrix into an excitatory and an inhibitory FromList projection. */
function projections(
  layer: ChainLayer,
  pre: number,
  post: number,
  scale: Float64Array,
  delay: number,
) {
  const lists = { excitatory: [] as number[][], inhibitory: [] as number[][] };
  for (let j = 0; j < layer.nOut; j++) {
    for (let i = 0; i < layer.nIn; i++) {
      const w = layer.weight[j * layer.nIn + i]! * scale[j]!;
      if (w > 0) lists.excitatory.push([i, j, w]);
      else if (w < 0) lists.inhibitory.push([i, j, -w]);
    }
  }
  const from = pre < 0 ? 'host' : `layer${pre}`;
  return (['excitatory', 'inhibitory'] as const).map((receptor): SpinnProjection => ({
    label: `${from}_to_layer${post}_${receptor === 'excitatory' ? 'exc' : 'inh'}`,
    pre,
    post,
    receptor,
    preIndex: Int32Array.from(lists[receptor], (c) => c[0]!),
    postIndex: Int32Array.from(lists[receptor], (c) => c[1]!),
    weight: Float64Array.from(lists[receptor], (c) => c[2]!),
    delay: new Float64Array(lists[receptor].length).fill(delay),
  }));
}

/**
 * Map a trained model onto a PyNN network for sPyNNaker. Each population has its own voltage
 * scale (spikes carry no scale): `--v-scale`, 1 under `auto`, and `firstScale` for a
 * current-driven first layer when given (see v-scale.ts).
 */
export function mapChain(model: IrModel, o: SpinnakerOptions, firstScale?: number): MappedChain {
  const scaleOf = (k: number) =>
    k === 0 && firstScale !== undefined ? firstScale : o.vScale === 'auto' ? 1 : o.vScale;
  const chain = chainOf(model);
  const firstOnChip = o.inputMode === 'current' ? 0 : 1;
  if (firstOnChip >= chain.layers.length) {
    throw new DynalignError(
      'E_SPINNAKER_GRAPH',
      'nothing left on the board with --input-mode spikes',
      {
        field: '--input-mode',
        value: o.inputMode,
        fix: 'use --input-mode current for a single-layer network',
      },
    );
  }
  const populations: SpinnPopulation[] = [];
  const projs: SpinnProjection[] = [];
  let currentScale = new Float64Array(0);
  let currentLimit = new Float64Array(0);
  const synScale = synapseScale(o);
  const notes: string[] = [];
  // Each projection delays by its whole ticks, so layer k sees step s at tick s + k·d.
  const d = delayTicks(o.delay, o.timestep).ticks;
  chain.layers.slice(firstOnChip).forEach((layer, idx) => {
    const k = idx + firstOnChip;
    const { pop, gain, r, notes: layerNotes } = population(layer, k, o, scaleOf(k), k * d);
    populations.push(pop);
    notes.push(...layerNotes);
    const scale = gain.map((g, j) => (scaleOf(k) * layer.gain[j]!) / g);
    if (k === 0) {
      currentScale = scale;
      currentLimit = r.map((x) => S1615_LIMIT / x);
    } else
      projs.push(
        ...projections(
          layer,
          idx - 1,
          idx,
          scale.map((x) => x * synScale),
          o.delay,
        ),
      );
  });
  const network: SpinnNetwork = {
    timestepMs: o.timestep,
    cell: o.cell,
    inputMode: o.inputMode,
    sourceSize: firstOnChip === 1 ? chain.layers[0]!.nOut : 0,
    populations,
    projections: projs,
    steps: model.encoder?.numSteps ?? 0,
  };
  return {
    chain,
    network,
    firstOnChip,
    currentScale,
    currentLimit,
    notes: [...notes, ...mappingNotes(chain, o)],
  };
}

/** The mismatches the target forces, stated once per compile or emulation. */
function mappingNotes(chain: Chain, o: MapOptions): string[] {
  const notes: string[] = [];
  if (chain.reset === 'subtract') {
    notes.push(
      'the model resets by subtraction but sPyNNaker resets V to v_reset: emulation measures the ' +
        'cost; retrain with `dynalign train --reset zero` to avoid it',
    );
  }
  if (o.tauRefrac > 0)
    notes.push(`tau_refrac ${o.tauRefrac} ms adds refractory steps the model lacks`);
  if (o.cell === 'IF_curr_exp') {
    notes.push(
      `IF_curr_exp spreads each spike over tau_syn ${o.tauSyn} ms; the model's input is ` +
        'instantaneous',
    );
  }
  notes.push(
    "v_thresh is one s16.15 LSB above θ so the chip's V >= v_thresh fires as the model's V > θ",
  );
  return notes;
}
