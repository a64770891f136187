// `dynalign emulate` checks every option before it loads the model or any data: a usage error
// names the option even when the model file is missing, and model-dependent checks come before
// the inputs, so a model without an encoder still gets the usage error, not E_NO_ENCODER.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startCliWorker } from './in-worker.js';

const run = startCliWorker();
/** Run `dynalign emulate ARGS` in the worker. */
const emulate = (...args: string[]) => run('emulate', ...args);

const SHARED = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));
/** A float model with one LIF layer named '1' and no encoder (NIR paper, Norse export). */
const NO_ENCODER = `${SHARED}nir-paper/lif_norse.nir`;
const MISSING = '/nonexistent/model.nirpb';

/** Each case: arguments and the anchored error line it must exit 2 with. */
const BEFORE_THE_MODEL: Array<[string[], RegExp]> = [
  [['--target', 'int', '--dataset', 'mnist-test', '--limit', '0'],
    /^dynalign: E_USAGE: --limit: expected an integer >= 1 \(got "0"\)/],
  [['--target', 'loihi', '--dataset', 'mnist-test', '--limit', 'x'],
    /^dynalign: E_USAGE: --limit: expected a number \(got "x"\)/],
  [['--target', 'int', '--dataset', 'mnist-test', '--workers', '0'],
    /^dynalign: E_USAGE: --workers: expected an integer >= 1/],
  [['--target', 'float', '--dataset', 'mnist-test', '--trace-samples', '-1'],
    /^dynalign: E_USAGE: --trace-samples: expected an integer >= 1/],
  [['--target', 'int', '--dataset', 'mnist-tst'],
    /^dynalign: E_USAGE: --dataset: unknown dataset \(got "mnist-tst"\); .*'mnist-test'/],
  [['--target', 'int', '--dataset', 'mnist-test', '--input', 'x.npy'],
    /^dynalign: E_USAGE: --input: give either --input or --dataset, not both/],
  [['--target', 'float'], /^dynalign: E_USAGE: --dataset: no inputs given/],
  [['--target', 'intt', '--dataset', 'mnist-test'],
    /^dynalign: E_PROFILE: --target: no numeric profile .*"intt"\); fix: did you mean 'int'/],
  [['--target', 'lohi', '--dataset', 'mnist-test'],
    /^dynalign: E_PROFILE: --target: no numeric profile .*"lohi"\); fix: did you mean 'loihi'/],
  [['--target', 'int', '--dataset', 'mnist-test', '--weight-bit', '4'],
    /^dynalign: E_USAGE: --weight-bit: unknown option for --target int \(got "4"\)/],
  [['--target', 'float', '--dataset', 'mnist-test', '--weight-bits', '4'],
    /^dynalign: E_USAGE: --weight-bits: unknown option for --target float/],
  [['--target', 'int', '--dataset', 'mnist-test', '--weight-bits', 'eight'],
    /^dynalign: E_PROFILE: --weight-bits: expected an integer/],
  [['--target', 'int', '--dataset', 'mnist-test', '--trace', 'out.csv'],
    /^dynalign: E_USAGE: --trace-layer: --trace needs --trace-layer/],
  [['--target', 'int', '--dataset', 'mnist-test', '--record', '/nonexistent/spikes.csv'],
    /^dynalign: E_USAGE: --record: the folder of the output file does not exist/],
];

test('option errors exit 2 naming the option before the model file is even opened', async () => {
  for (const [args, pattern] of BEFORE_THE_MODEL) {
    const r = await emulate(MISSING, ...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.equal(r.out, '');
    assert.match(r.err, new RegExp(pattern.source, 'm'), args.join(' '));
  }
});

test('checks that need the model come before the inputs are loaded', async () => {
  const layer = await emulate(NO_ENCODER, '--target', 'float', '--dataset', 'mnist-test',
    '--trace-layer', 'lif', '--trace', 'out.csv');
  const quantised = await emulate(NO_ENCODER, '--target', 'int', '--dataset', 'mnist-test');
  const inputs = await emulate(NO_ENCODER, '--target', 'float', '--dataset', 'mnist-test');
  assert.equal(layer.code, 2);
  assert.match(layer.err,
    /^dynalign: E_USAGE: --trace-layer: no layer by that name \(got "lif"\); fix: layers: 1$/m);
  assert.equal(quantised.code, 2);
  assert.match(quantised.err,
    /^dynalign: E_NOT_QUANTIZED: .*lif_norse\.nir: model is not quantised/);

  // Only with every option valid does the run reach the inputs (this model cannot encode MNIST).
  assert.equal(inputs.code, 2);
  assert.match(inputs.err, /^dynalign: E_NO_ENCODER: /);
});
