// `dynalign compile MODEL --target spinnaker --out DIR`: run_pynn.py, manifest.json, weight and
// delay files, inputs.npy and the host-side drive, written into DIR atomically.
import { createHash } from 'node:crypto';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EncodedSet } from '../../src/encoding/encoder.js';
import { spacedSubset } from '../../src/encoding/subset.js';
import type { IrModel } from '../../src/ir/model.js';
import { encodeModel } from '../../src/ir/proto.js';
import type { CompileOptions, CompileResult } from '../../src/targets/adapter.js';
import { writeDirAtomic } from '../../src/util/atomic.js';
import { assertValid } from '../../src/util/schema.js';
import { DynalignError } from '../../src/util/errors.js';
import { TOOL_VERSION } from '../../src/util/version.js';
import { defaultCacheDir, loadEncodedMnist } from '../../src/data/pipeline.js';
import { checkZeroedWeights, prepare, type Prepared } from './prepare.js';
import { checkInputs, stimulusOf } from './mapping/stimulus.js';
import { encodeNpy } from './emit/npy.js';
import { buildManifest, type ProjectionFiles } from './emit/manifest.js';
import { pynnScript } from './emit/pynn-script.js';
import { S1615_ONE } from './profile/s1615.js';

/** Inputs shipped when compile is given none: this many test images of the model's encoder. */
export const DEFAULT_SHIPPED_SAMPLES = 100;

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** The inputs to ship: given ones, else the model's own encoding of the test split. */
async function inputsFor(
  model: IrModel,
  opts: CompileOptions,
  samples?: number,
): Promise<EncodedSet> {
  let set = opts.inputs;
  if (!set) {
    if (!model.encoder?.reducer) {
      throw new DynalignError(
        'E_SPINNAKER_INPUTS',
        'no inputs to ship and no encoder to make them',
        {
          file: opts.modelPath,
          field: 'encoder',
          fix: 'compile a model trained by `dynalign train` (it stores its encoder spec)',
        },
      );
    }
    // The whole test split (its reduction is cached), then an evenly spaced subset of it.
    const test = (await loadEncodedMnist(model.encoder, { cacheDir: defaultCacheDir() })).test;
    set = spacedSubset(test, samples ?? DEFAULT_SHIPPED_SAMPLES);
  }
  const n = Math.min(set.n, samples ?? set.n);
  const per = set.steps * set.channels;
  const out: EncodedSet = {
    n,
    steps: set.steps,
    channels: set.channels,
    data: set.data.slice(0, n * per),
  };
  if (set.labels) out.labels = set.labels.slice(0, n);
  return out;
}

/** The per-inference drive as arrays: currents (nA and bits) or host spikes (sample, tick, j). */
function driveArrays(prep: Prepared, set: EncodedSet) {
  const n0 = prep.quantised.network.populations[0]!.size;
  if (prep.mapped.firstOnChip === 0) {
    const currents = new Float64Array(set.n * set.steps * n0);
    for (let i = 0; i < set.n; i++)
      currents.set(stimulusOf(prep.mapped, set, i).currents!, i * set.steps * n0);
    const bits = Int32Array.from(currents, (x) => Math.round(x * S1615_ONE));
    return { currents, bits, shape: [set.n, set.steps, n0] };
  }
  const rows: number[] = [];
  for (let i = 0; i < set.n; i++) {
    stimulusOf(prep.mapped, set, i).sourceSpikes!.forEach((fired, t) =>
      fired.forEach((j) => rows.push(i, t, j)),
    );
  }
  return { spikes: Int32Array.from(rows), shape: [rows.length / 3, 3] };
}

/** Write every artefact; returns the relative paths written. */
async function writeArtefacts(
  dir: string,
  prep: Prepared,
  set: EncodedSet,
  modelSha: string,
  modelPath?: string,
) {
  const files: Array<[string, Uint8Array | string]> = [];
  const net = prep.quantised.network;
  const fixed = prep.quantised.fixed;

  // Weight and delay files, one set per projection (FromList rows, 16-bit words, ticks).
  const projectionFiles: ProjectionFiles[] = net.projections.map((proj, k) => {
    const m = proj.weight.length;
    const rows = new Float64Array(m * 4);
    for (let s = 0; s < m; s++)
      rows.set([proj.preIndex[s]!, proj.postIndex[s]!, proj.weight[s]!, proj.delay[s]!], s * 4);
    const base = `projections/${proj.label}`;
    const list = encodeNpy(rows, [m, 4]);
    files.push([`${base}.npy`, list]);
    files.push([`${base}.w16.npy`, encodeNpy(fixed.projections[k]!.w16, [m])]);
    files.push([`${base}.delay_ticks.npy`, encodeNpy(fixed.projections[k]!.delayTicks, [m])]);
    return {
      file: `${base}.npy`,
      w16File: `${base}.w16.npy`,
      delayTicksFile: `${base}.delay_ticks.npy`,
      sha256: sha256(list),
    };
  });

  // Inputs and the host-side drive of the first layer.
  const inputFiles: Record<string, string> = { inputsFile: 'inputs.npy' };
  files.push(['inputs.npy', encodeNpy(set.data, [set.n, set.steps, set.channels])]);
  const drive = driveArrays(prep, set);
  if (drive.currents) {
    files.push(['currents.npy', encodeNpy(drive.currents, drive.shape)]);
    files.push(['currents_bits.npy', encodeNpy(drive.bits!, drive.shape)]);
    Object.assign(inputFiles, {
      currentsFile: 'currents.npy',
      currentsBitsFile: 'currents_bits.npy',
    });
  } else {
    files.push(['source_spikes.npy', encodeNpy(drive.spikes!, drive.shape)]);
    inputFiles.sourceSpikesFile = 'source_spikes.npy';
  }
  if (set.labels) files.push(['labels.npy', encodeNpy(set.labels, [set.n])]);

  // Manifest (schema-checked before anything is swapped in) and the script.
  const manifest = buildManifest({
    prep,
    modelSha256: modelSha,
    ...(modelPath ? { modelFile: modelPath } : {}),
    samples: set.n,
    steps: set.steps,
    projectionFiles,
    inputFiles,
    createdAt: new Date().toISOString(),
  });
  assertValid('spinnaker-manifest.schema.json', manifest, join(dir, 'manifest.json'));
  files.push(['manifest.json', JSON.stringify(manifest, null, 2) + '\n']);
  files.push(['run_pynn.py', pynnScript(TOOL_VERSION, modelSha, prep.options.backend)]);
  await mkdir(join(dir, 'projections'), { recursive: true });
  for (const [rel, data] of files) await writeFile(join(dir, rel), data);
  return files.map(([rel]) => rel);
}

/** The adapter's compile: checks first, then one atomic write of the whole folder. */
export async function compileSpinnaker(
  model: IrModel,
  opts: CompileOptions,
): Promise<CompileResult> {
  const first = prepare(model, opts.options);
  checkZeroedWeights(first);
  const set = await inputsFor(model, opts, first.options.samples);
  checkInputs(first.mapped, set, opts.modelPath);
  const prep = prepare(model, opts.options, set);
  checkZeroedWeights(prep);
  const modelSha = sha256(opts.modelPath ? await readFile(opts.modelPath) : encodeModel(model));
  let artefacts: string[] = [];
  await writeDirAtomic(opts.outDir, async (tmp) => {
    artefacts = await writeArtefacts(tmp, prep, set, modelSha, opts.modelPath);
  });
  return { artefacts, notes: [...prep.notes, ...backendNotes(prep.options.backend)] };
}

/** What the chosen default backend of run_pynn.py has (not) been checked on. */
function backendNotes(backend: string): string[] {
  if (backend !== 'nest') return [];
  // LIMITATION: NEST is not packaged in Debian, so the script's NEST path never ran here.
  return [
    'run_pynn.py defaults to NEST, on which dynalign has not run it (no NEST here); ' +
      'brian2 is the simulator the dry run is checked on',
  ];
}
