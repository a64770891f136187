import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/dynalign.js', import.meta.url));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'encode', ...args], (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('encode --lyapunov --json prints the spectrum, Σλ, Kaplan–Yorke and mode', async () => {
  const [lyap, bad, list] = await Promise.all([
    run(['--system', 'mixed-oscillator', '--param', 'delta=0.3', '--lyapunov', '--json']),
    run(['--system', 'lorenz', '--param', 'rho=x']),
    run(['--list', '--json']),
  ]);
  assert.equal(lyap.code, 0, lyap.stderr);
  const r = JSON.parse(lyap.stdout) as Record<string, unknown>;
  assert.equal(r.system, 'mixed-oscillator');
  assert.equal((r.params as Record<string, number>).delta, 0.3);
  assert.equal((r.lyapunov as number[]).length, 3);
  assert.ok(Math.abs((r.sigmaLambda as number) + 0.6) < 0.02);
  assert.equal(typeof r.kaplanYorke, 'number');
  assert.equal(r.mode, 'dissipative');

  assert.equal(bad.code, 2);
  assert.equal(bad.stdout, '');
  assert.match(
    bad.stderr,
    /^dynalign: E_BAD_PARAM: --param: value of 'rho' is not a number \(got "rho=x"\)/,
  );

  assert.equal(list.code, 0);
  const names = (JSON.parse(list.stdout) as { systems: Array<{ name: string }> }).systems.map(
    (s) => s.name,
  );
  assert.deepEqual(names, [
    'mixed-oscillator',
    'lorenz',
    'rossler',
    'aizawa',
    'nose-hoover',
    'sprott-c',
    'chua',
    'chen',
  ]);
});
