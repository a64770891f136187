import { test } from 'node:test';
import assert from 'node:assert/strict';
import { staleFiles } from '../../firmware-bridge/protocol/generate.js';

test('the C codec, the TypeScript codec and the README tables match spec.ts', () => {
  assert.deepEqual(staleFiles(), [], 'run `npx tsx firmware-bridge/protocol/generate.ts`');
});
