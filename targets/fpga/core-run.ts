// Glue between the fpga quantiser and the shared emulator core: the integer program the fpga
// quantiser produced becomes an integer IR for the fpga NumericProfile, and its input codes
// become frames the core reads one for one. Nothing is quantised again here.
import type { EncodedSet } from '../../src/encoding/encoder.js';
import {
  emulateModel,
  type EmulateOptions,
  type EmulationRun,
} from '../../src/emulator/emulate.js';
import type { IrModel, IrNode, NodeQuantization } from '../../src/ir/model.js';
import type { NdArray } from '../../src/ir/tensor.js';
import type { NumericProfile } from '../../src/quantize/profile.js';
import { fpgaProfile } from './numeric-profile.js';
import type { FpgaLayer, FpgaProgram } from './src/quantize.js';

/** Run input codes ([n][steps][nInputs]) of a program through the shared core. */
export async function runOnCore(
  prog: FpgaProgram,
  codes: Int8Array,
  n: number,
  steps: number,
  opts: EmulateOptions = {},
): Promise<EmulationRun & { profile: NumericProfile }> {
  const profile = fpgaProfile(prog.arch);
  const model = coreModelOf(prog, profile);

  // The codes are already integers: the Input node's unit is 1, so the core reads them as is.
  const inputs: EncodedSet = { n, steps, channels: prog.nInputs, data: Float32Array.from(codes) };
  const run = await emulateModel(model, inputs, profile, opts);
  return { ...run, profile };
}

/** Input → (Linear → LIF)* → Output carrying the program's integers for `profile`. */
export function coreModelOf(prog: FpgaProgram, profile: NumericProfile): IrModel {
  const nodes: Record<string, IrNode> = {};
  const edges: Array<[string, string]> = [];
  const quant = (intParams: Record<string, NdArray>, scales: Record<string, number> = {}) => [
    { profile: profile.id, intParams, scales } satisfies NodeQuantization,
  ];
  nodes.input = {
    type: 'Input',
    params: { shape: int32([prog.nInputs]) },
    metadata: {},
    quantization: quant({}, { input: 1 }),
  };
  let prev = 'input';
  for (const l of prog.layers) {
    const syn = `${l.name}/fc`;
    const weight = int32(rowMajor(l), [l.nOut, l.nIn]);
    nodes[syn] = {
      type: 'Linear',
      params: { weight },
      metadata: {},
      quantization: quant({ weight, shift: int32([l.shift]) }),
    };
    nodes[l.name] = {
      type: 'LIF',
      params: {},
      metadata: {},
      quantization: quant({
        v_decay: int32(new Array<number>(l.nOut).fill(decayCode(l, prog))),
        v_threshold: int32(new Array<number>(l.nOut).fill(l.theta)),
        v_reset: int32(new Array<number>(l.nOut).fill(l.vReset)),
        bias: int32(l.bias),
      }),
    };
    edges.push([prev, syn], [syn, l.name]);
    prev = l.name;
  }
  const last = prog.layers[prog.layers.length - 1]!;
  nodes.output = { type: 'Output', params: { shape: int32([last.nOut]) }, metadata: {} };
  edges.push([prev, 'output']);
  const disc = { dt: 1, integrator: 'euler', reset: prog.reset, spikes: 'unit' } as const;
  return { nirVersion: '1.0.7', graph: { nodes, edges, metadata: {} }, discretisation: disc };
}

/** Multiply form: β_q as is; shift form: k, with k = 0 (no leak) as the profile's −1. */
function decayCode(l: FpgaLayer, prog: FpgaProgram): number {
  return prog.arch.leak === 'shift' && l.leak === 0 ? -1 : l.leak;
}

/** The program keeps weights transposed [nIn][nOut]; NIR stores [nOut][nIn]. */
function rowMajor(l: FpgaLayer): Int32Array {
  const w = new Int32Array(l.nOut * l.nIn);
  for (let i = 0; i < l.nIn; i++)
    for (let j = 0; j < l.nOut; j++) w[j * l.nIn + i] = l.weightT[i * l.nOut + j]!;
  return w;
}

function int32(values: ArrayLike<number>, shape = [values.length]): NdArray {
  return { dtype: 'int32', shape, data: Int32Array.from(values) };
}
