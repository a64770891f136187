// Child for in-flight.test.ts: starts an atomic folder write that never finishes, says so.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDirAtomic } from '../../src/util/atomic.ts';

const out = process.argv[2]!;
await writeDirAtomic(out, async (tmp) => {
  writeFileSync(join(tmp, 'half.bin'), 'half the artefacts');
  process.stdout.write('building\n');
  await new Promise(() => setInterval(() => {}, 1000));
});
