#!/usr/bin/env node
// Entry point: run the TypeScript CLI through tsx so no build step is needed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const main = join(root, 'src', 'cli', 'main.ts');
const argv = [tsx, main, ...process.argv.slice(2)];
const run = spawnSync(process.execPath, argv, { stdio: 'inherit' });
process.exit(run.status ?? 1);
