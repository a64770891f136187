// The FPGA target's integer program as the device needs it: the config blob (config.bin of
// targets/fpga/README.md §5), quantised input codes, and the emulator's spike-by-spike trace.
// LIMITATION: the bridge speaks to the fpga core only; other targets have no device firmware.
import type { IrModel } from '../ir/model.js';
import type { EncodedSet } from '../encoding/encoder.js';
import { DynalignError } from '../util/errors.js';
import { prepare, type TargetOptions } from '../../targets/fpga/src/prepare.js';
import { buildImages, configBlob } from '../../targets/fpga/src/images.js';
import { runCore } from '../../targets/fpga/src/core.js';
import { quantizeInputs } from '../../targets/fpga/src/input-scale.js';
import type { FpgaProgram } from '../../targets/fpga/src/quantize.js';
import type { DeviceInfo } from './info.js';

export interface Deployment {
  prog: FpgaProgram;
  blob: Uint8Array;
}

/** Quantise a model for the fpga core and serialise its config blob. */
export function buildDeployment(model: IrModel, options?: TargetOptions): Deployment {
  const { prog } = prepare(model, options);
  return { prog, blob: configBlob(prog, buildImages(prog)) };
}

/** Input codes of an encoded set, [n][steps][inputs] signed 8-bit. */
export function inputCodes(d: Deployment, inputs: EncodedSet): Int8Array {
  return quantizeInputs(inputs, d.prog.inputScale);
}

/** What the emulator predicts, in the device's result layout. */
export interface EmulatorTrace {
  outBytes: number;
  /** [n][steps][outBytes], bit j of byte k = output 8k + j. */
  rasters: Uint8Array;
  /** Cycles of each inference. */
  cycles: Float64Array;
  counters: { cycles: number; synops: number; macs: number; spikes: number };
  perLayer: Array<{ name: string; spikes: number; synops: number; macs: number }>;
}

/** Run the fpga emulator and record every output spike and every inference's cycles. */
export function emulateTrace(
  d: Deployment,
  codes: Int8Array,
  n: number,
  steps: number,
): EmulatorTrace {
  const last = d.prog.layers.length - 1;
  const outBytes = Math.ceil(d.prog.layers[last]!.nOut / 8);
  const rasters = new Uint8Array(n * steps * outBytes);
  const cycles = new Float64Array(n);
  const run = runCore(d.prog, codes, n, steps, (t) => {
    cycles[t.input]! += t.cycles;
    const base = (t.input * steps + t.step) * outBytes;
    for (const j of t.spikes[last]!) rasters[base + (j >> 3)]! |= 1 << (j & 7);
  });
  const sum = (f: (l: (typeof run.perLayer)[number]) => number) =>
    run.perLayer.reduce((a, l) => a + f(l), 0);
  return {
    outBytes,
    rasters,
    cycles,
    counters: {
      cycles: run.cycles,
      synops: sum((l) => l.synops),
      macs: sum((l) => l.macs),
      spikes: sum((l) => l.spikes),
    },
    perLayer: run.perLayer.map((l) => ({
      name: l.name,
      spikes: l.spikes,
      synops: l.synops,
      macs: l.macs,
    })),
  };
}

/** Refuse (exit 2) a program the device cannot hold, naming every memory that is too small. */
export function checkFits(d: Deployment, info: DeviceInfo): void {
  const p = d.prog;
  const need: Array<[string, number, number]> = [
    ['configuration memory (bytes)', d.blob.length, info.configCapacity],
    ['weight memory (words)', p.wmemWords, info.wmemWords],
    ['neuron memory (words)', p.neurons, info.nmemWords],
    ['input memory (first-layer inputs)', p.nInputs, info.imemWords],
    ['layers', p.layers.length, info.hwconf.maxLayers],
    ['neurons in one layer', Math.max(...p.layers.map((l) => l.nOut)), info.maxLayerOut],
    ['weight words per row', Math.max(...p.layers.map((l) => l.rows)), info.maxLayerRows],
  ];
  const over = need.filter(([, want, have]) => want > have);
  if (over.length > 0) {
    throw new DynalignError('E_DEVICE_MEMORY', 'the network is larger than the device memory', {
      field: '--port',
      value: info.port,
      fix:
        over.map(([what, want, have]) => `${what}: needs ${want}, device has ${have}`).join('; ') +
        '; use a smaller network or a bigger board',
    });
  }

  // A fixed-architecture core (the RTL, a board) runs only blobs of its own Wb, S, L and leak.
  const h = info.hwconf;
  if (h.leak === 'any') return;
  const a = p.arch;
  const mine =
    `${a.weightBits}-bit weights, ${a.stateBits}-bit state, ${a.lanes} lanes, ${a.leak} leak`;
  if (
    h.weightBits !== p.arch.weightBits ||
    h.stateBits !== p.arch.stateBits ||
    h.lanes !== p.arch.lanes ||
    h.leak !== p.arch.leak
  ) {
    throw new DynalignError(
      'E_DEVICE_ARCH',
      `the device core differs from the compiled one (${mine})`,
      {
        field: '--port',
        value: info.port,
        fix:
        `compile with --weight-bits ${h.weightBits} --state-bits ${h.stateBits} ` +
        `--lanes ${h.lanes} --leak ${h.leak}`,
      },
    );
  }
}
