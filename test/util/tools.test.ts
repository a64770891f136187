// doctor's tool table: the README's test requirements are listed, an import check that fails
// counts as missing, and icepack (which has no version flag) shows its package version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { DEBIAN_PYTHON, SYSTEM_TOOLS, toolVersion } from '../../src/util/tools.ts';

const runs = (cmd: string, args: string[]) => spawnSync(cmd, args).status === 0;

test('the tools the README says the tests need are all checked', () => {
  for (const name of ['python3-pynn', 'python3-brian', 'chromium', 'icepack', 'socat']) {
    assert.ok(SYSTEM_TOOLS[name], `${name} is not checked`);
  }
});

const TITLE = 'python3-pynn and python3-brian are present exactly when Debian python imports them';

test(TITLE, async () => {
  const pairs = [['python3-pynn', 'pyNN'], ['python3-brian', 'brian2']] as const;
  for (const [name, module] of pairs) {
    const got = await toolVersion(name);
    const want = new RegExp(`^${module} `);
    if (runs(DEBIAN_PYTHON, ['-c', `import ${module}`])) assert.match(got ?? '', want);
    else assert.equal(got, undefined, `${name} reported as ${got} though the import fails`);
  }
});

test('chromium shows its version line, not the launcher script noise', async (t) => {
  if (!runs('sh', ['-c', 'command -v chromium'])) return t.skip('chromium is not installed');
  assert.match((await toolVersion('chromium')) ?? '', /^Chromium \d+/);
});

test('icepack shows the fpga-icestorm package version, not its usage text', async (t) => {
  if (!runs('sh', ['-c', 'command -v icepack'])) return t.skip('icepack is not installed');
  const got = await toolVersion('icepack');
  assert.doesNotMatch(got ?? '', /usage/i);
  assert.match(got ?? '', /^(fpga-icestorm \S+|present)$/);
});
