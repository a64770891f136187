// `npm run bench -- <name>...`: runs bench/<name>.ts (each exports `run()`); all when none named.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = fileURLToPath(new URL('./', import.meta.url));
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
  .sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : available;
for (const name of names) {
  if (!available.includes(name)) {
    const list = available.join(', ');
    process.stderr.write(`bench: unknown benchmark '${name}'; available: ${list}\n`);
    process.exit(2);
  }
  const url = pathToFileURL(dir + name + '.ts').href;
  const mod = (await import(url)) as { run: () => Promise<void> };
  process.stdout.write(`== ${name}\n`);
  await mod.run();
}
