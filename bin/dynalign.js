#!/usr/bin/env node
// Entry point: load the TypeScript CLI in this same process through tsx's loader (no build
// step, no child process), so a signal sent to this PID reaches the CLI and its clean-up.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/main.ts', import.meta.url).href);
