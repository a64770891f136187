// The lava-dl netx description of a network (loihi.md §2.1) and how netx turns it into Lava
// processes (§2.2). The quantiser produces this description, network.net stores it, and the
// emulator runs the network built from it, so all three agree by construction.
import { DynalignError } from '../../src/util/errors.js';
import { NETX_BIAS_EXP } from './profile.js';
import { optimizeWeightBits } from './netx-weights.js';
import { INPUT, type LoihiConnection, type LoihiLayer, type LoihiNetwork } from './network.js';

/** `neuron/` group of a layer (§2.1); refDelay and gradedSpike are stored but ignored by netx. */
export interface NetxNeuron {
  type: 'CUBA' | 'LOIHI';
  iDecay: number;
  vDecay: number;
  vThMant: number;
  refDelay: number;
  gradedSpike: boolean;
}

/** A `dense` layer: weight [out][in] as float32 integers, bias per neuron. */
export interface NetxDense {
  type: 'dense';
  /** Layer name in the source model (not stored by netx; kept for reports). */
  name: string;
  outFeatures: number;
  inFeatures: number;
  neuron: NetxNeuron;
  weight: Float32Array;
  bias?: Float32Array;
}

/** The whole file: an input layer with only a shape, then dense layers in order. */
export interface NetxDescription {
  inputShape: number[];
  layers: NetxDense[];
}

/** What `hdf5.Network(...)` is given besides the file (§2.2). */
export interface NetxRunOptions {
  /** input_message_bits: 0 for binary spikes, > 0 for graded payloads into the first Dense. */
  inputMessageBits: number;
  /** reset_interval (LIFReset) and reset_offset; netx gives layer k offset reset_offset + k. */
  resetInterval?: number;
  resetOffset?: number;
}

/**
 * Build the Lava network netx builds (§2.2): per dense layer a Dense with netx's optimised
 * weights (no sign_mode given, so Lava infers it) into a LIF with du = iDecay − 1,
 * dv = vDecay, vth = vThMant, bias_mant = int(bias), bias_exp = 6.
 */
export function buildNetxNetwork(desc: NetxDescription, run: NetxRunOptions): LoihiNetwork {
  const nInputs = desc.inputShape.reduce((a, b) => a * b, 1);
  const layers: LoihiLayer[] = [];
  const connections: LoihiConnection[] = [];
  let pre = INPUT;
  let nPre = nInputs;
  desc.layers.forEach((d, k) => {
    if (d.inFeatures !== nPre) {
      throw new DynalignError('E_NETX', 'dense layer input size does not match the layer before', {
        field: `layer/${k + 1}/weight`,
        value: d.inFeatures,
        fix: `the layer before has ${nPre} outputs`,
      });
    }
    const name = d.name;
    const layer: LoihiLayer = {
      name,
      n: d.outFeatures,
      du: d.neuron.iDecay - 1,
      dv: d.neuron.vDecay,
      vth: d.neuron.vThMant,
      biasMant: Int32Array.from(d.bias ?? new Float32Array(d.outFeatures), (b) => Math.trunc(b)),
      biasExp: new Int32Array(d.outFeatures).fill(NETX_BIAS_EXP),
    };
    if (run.resetInterval !== undefined) {
      layer.reset = { interval: run.resetInterval, offset: (run.resetOffset ?? 0) + k + 1 };
    }
    const opt = optimizeWeightBits(d.weight, `layer/${k + 1}/weight`);
    connections.push({
      name: `${name}.dense`,
      pre,
      post: name,
      weights: opt.weights,
      weightExp: opt.weightExp,
      numWeightBits: opt.numWeightBits,
      graded: k === 0 && run.inputMessageBits > 0,
    });
    layers.push(layer);
    pre = name;
    nPre = d.outFeatures;
  });
  return { nInputs, layers, connections };
}
