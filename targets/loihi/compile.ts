// `dynalign compile MODEL --target loihi --out DIR`: quantise, map onto cores, predict the spikes
// of the shipped inputs, then write network.net, run_lava.py, inputs.npy, labels.npy,
// dynalign_spikes.json and manifest.json into DIR in one atomic swap (nothing on failure).
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IrModel } from '../../src/ir/model.js';
import type { CompileOptions, CompileResult } from '../../src/targets/adapter.js';
import { encodeModel } from '../../src/ir/proto.js';
import { writeDirAtomic } from '../../src/util/atomic.js';
import { DynalignError } from '../../src/util/errors.js';
import { TOOL_VERSION } from '../../src/util/version.js';
import { CHIPS } from './chips.js';
import { mapToCores } from './core-mapping.js';
import { toIntegerInputs } from './emulate-model.js';
import { spacedSubset } from '../../src/encoding/subset.js';
import { resolveInputs } from './inputs.js';
import { renderLavaScript } from './lava-script.js';
import { buildManifest, DO_NOT_EDIT, type ShippedInputs } from './manifest.js';
import { buildNetxNetwork } from './netx-model.js';
import { writeNetx } from './netx-writer.js';
import { resolveConnections } from './network.js';
import { encodeNpy } from './npy.js';
import { type LoihiOptions, parseLoihiOptions } from './options.js';
import { quantiseForLoihi, type LoihiQuantisation } from './quantise.js';
import { runStream, streamGolden } from './stream.js';

/** Quantise with the CLI options; compile and emulate share it, so both run the same integers. */
export function quantiseWithOptions(
  model: IrModel,
  o: LoihiOptions,
  steps: number,
  file?: string,
): LoihiQuantisation {
  const { decayRule, inputBits, headroomBits, maxWeightLoss, inputMax, gainPercentile } = o;
  const inputMaxAbs = inputMax;
  return quantiseForLoihi(
    model,
    { decayRule, inputBits, headroomBits, maxWeightLoss, inputMaxAbs, steps, gainPercentile },
    file,
  );
}

/** Steps per inference: the encoder's, else the inputs', else --steps. */
export function stepsOf(
  model: IrModel,
  o: LoihiOptions,
  inputSteps?: number,
  file?: string,
): number {
  const steps = model.encoder?.numSteps ?? inputSteps ?? o.steps;
  if (steps === undefined) {
    throw new DynalignError('E_LOIHI_STEPS', 'the number of time steps per inference is unknown', {
      file,
      field: '--steps',
      fix: 'pass --steps N or --inputs FILE.npy, or compile a model with an encoder',
    });
  }
  return steps;
}

/** Compile a chain model into Loihi artefacts. */
export async function compileLoihi(model: IrModel, opts: CompileOptions): Promise<CompileResult> {
  const o = parseLoihiOptions(opts.options);
  const file = opts.modelPath;
  const all = await resolveInputs(model, o, opts.inputs);
  const shippedSet = all && o.samples > 0 ? spacedSubset(all, o.samples) : undefined;
  const steps = stepsOf(model, o, all?.steps, file);
  const q = quantiseWithOptions(model, o, steps, file);
  const net = buildNetxNetwork(q.desc, q.run);
  const shapes = q.layers.map((l, k) => ({
    name: l.name,
    nIn: l.nIn,
    nOut: l.nOut,
    weightBits: net.connections[k]!.numWeightBits,
  }));
  const mapping = mapToCores(CHIPS[o.chip], shapes, file);
  const sha256 = createHash('sha256')
    .update(file ? await readFile(file) : encodeModel(model))
    .digest('hex');
  const stamp = {
    tool: 'dynalign',
    toolVersion: TOOL_VERSION,
    sourceModelSha256: sha256,
    note: DO_NOT_EDIT,
  };

  // Predict the shipped inputs as run_lava.py will stream them.
  const ints = shippedSet && toIntegerInputs(q, shippedSet);
  if (ints && ints.steps !== steps) {
    throw new DynalignError(
      'E_LOIHI_INPUTS',
      'inputs have a different number of steps than the model',
      {
        field: '--inputs',
        value: ints.steps,
        fix: `give inputs with ${steps} steps`,
      },
    );
  }
  const stream = ints && runStream(net, ints);
  const artefacts = ['network.net', 'run_lava.py', 'manifest.json'];
  if (ints) artefacts.push('inputs.npy', 'dynalign_spikes.json');
  if (ints && shippedSet?.labels) artefacts.push('labels.npy');
  const shipped: ShippedInputs | undefined = ints && {
    shape: [ints.n, ints.steps, ints.channels],
    clamped: ints.clamped,
    hasLabels: shippedSet?.labels !== undefined,
    predictions: stream!.predictions,
  };
  const manifest = buildManifest(
    q,
    net,
    mapping,
    o,
    { ...(file ? { file } : {}), sha256 },
    shipped,
    artefacts,
  );

  await writeDirAtomic(opts.outDir, async (dir) => {
    await writeNetx(join(dir, 'network.net'), q.desc, stamp, steps);
    await writeFile(join(dir, 'run_lava.py'), renderLavaScript(TOOL_VERSION, sha256), {
      mode: 0o755,
    });
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    if (!ints || !stream) return;
    await writeFile(
      join(dir, 'inputs.npy'),
      encodeNpy(ints.data, [ints.n, ints.steps, ints.channels]),
    );
    if (shippedSet?.labels)
      await writeFile(join(dir, 'labels.npy'), encodeNpy(shippedSet.labels, [ints.n]));
    const effective = resolveConnections(net).map((c) => c.dense.weights);
    const meta = {
      name: 'dynalign prediction',
      description: 'spikes dynalign predicts for inputs.npy streamed through network.net',
      stamp,
      steps,
      inputMessageBits: q.run.inputMessageBits,
    };
    await writeFile(
      join(dir, 'dynalign_spikes.json'),
      JSON.stringify(streamGolden(net, stream, effective, meta)),
    );
  });
  const notes = compileNotes(q, mapping, ints?.n, ints?.clamped);
  stream?.overflow.forEach((x, k) => {
    if (x.wraps + x.clamps > 0) notes.push(overflowNote(q.layers[k]!.name, x));
  });
  return { artefacts, notes };
}

function compileNotes(
  q: LoihiQuantisation,
  mapping: ReturnType<typeof mapToCores>,
  shipped?: number,
  clamped?: number,
): string[] {
  const notes = q.layers.map((l) => {
    const loss = (100 * l.weightLoss).toFixed(2);
    return `${l.name}: ${l.nIn}→${l.nOut}, dv ${l.dv}, vth ${l.vth}, weight loss ${loss} %`;
  });
  notes.push(...q.mismatches);
  notes.push(
    `timing: each Dense adds a step; netx LIFReset (interval ${q.steps}, offset 1) zeroes layer k ` +
      'at the start of its window, so every layer sees the same steps as the float model',
  );
  const perLayer = mapping.layers.map((l) => `${l.name} ${l.cores.length}`).join(', ');
  notes.push(`${mapping.chip}: ${mapping.coresUsed} cores (${perLayer})`);
  if (shipped === undefined) {
    notes.push(
      'no inputs shipped: pass --inputs FILE.npy (or compile a model with an encoder) ' +
        'to get inputs.npy and dynalign_spikes.json',
    );
  } else {
    const gains = q.stepGains.gains.map((g) => g.toPrecision(3)).join(', ');
    const payload = `graded payload = x · ${q.inputScale.toFixed(4)} · [${gains}] per step`;
    const graded = `, ${payload}, ${clamped} values clamped to ${q.inputBits} bits`;
    notes.push(`inputs.npy: ${shipped} inputs${q.graded ? graded : ''}`);
  }
  return notes;
}

/** A sentence on state overflow seen while predicting the shipped inputs. */
export function overflowNote(layer: string, x: { wraps: number; clamps: number }): string {
  const what = `u wrapped ${x.wraps} and v saturated ${x.clamps} times on the shipped inputs`;
  if (x.wraps === 0) return `${layer}: ${what} (v saturates as Loihi's does; nothing wrapped)`;
  return `${layer}: ${what}; raise --headroom-bits, or lower --gain-percentile for layer 1`;
}
