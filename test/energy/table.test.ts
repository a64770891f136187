import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadEnergyTable } from '../../src/energy/table.js';
import { DynalignError } from '../../src/util/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'dynalign-energy-'));

for (const t of ['loihi', 'spinnaker', 'fpga']) {
  test(`the ${t} energy table validates and every figure names a source and a kind`, () => {
    const table = loadEnergyTable(`targets/${t}/energy.json`);
    assert.equal(table.target, t);
    for (const f of Object.values(table.figures)) {
      assert.ok(f.source.length > 10, f.source);
      assert.ok(f.value >= 0);
    }
  });
}

function broken(edit: (d: any) => void): string {
  const d = JSON.parse(readFileSync('targets/fpga/energy.json', 'utf8'));
  edit(d);
  const file = join(dir, `t${Math.random()}.json`);
  writeFileSync(file, JSON.stringify(d));
  return file;
}

test('a figure without a source is rejected with its JSON pointer', () => {
  const file = broken((d) => delete d.figures.synopJ.source);
  assert.throws(
    () => loadEnergyTable(file),
    (e: unknown) => {
      return e instanceof DynalignError && e.exitCode === 2 && /\/figures\/synopJ/.test(e.message);
    },
  );
});

test('a negative energy is rejected', () => {
  const file = broken((d) => (d.figures.synopJ.value = -1));
  assert.throws(() => loadEnergyTable(file), /figures\/synopJ\/value/);
});

test('a term naming an undefined figure is rejected', () => {
  const file = broken((d) => d.terms.push({ count: 'spikes', figure: 'nope' }));
  assert.throws(() => loadEnergyTable(file), /refers to a figure that is not defined/);
});
