// `npx tsx firmware-bridge/firmware/fuzz/make-seeds.ts DIR`: seed inputs for the fuzzer, whole
// sessions as a host would send them (HELLO, upload of a real blob, inputs, RUN, READ,
// counters), so the fuzzer starts from paths deep behind the CRC and the blob checks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeFrame } from '../../../src/bridge/frame.js';
import {
  encodePayload,
  PROTOCOL_VERSION,
  MSG,
  type Message,
} from '../../../src/bridge/gen/messages.js';
import { crc32 } from '../../../src/bridge/crc32.js';
import { buildDeployment } from '../../../src/bridge/program.js';
import { buildLeakyModel } from '../../../src/ir/build.js';

function wire(msgs: Message[]): Uint8Array {
  const frames = msgs.map((m, seq) =>
    encodeFrame({
      version: PROTOCOL_VERSION,
      type: MSG[m.kind],
      seq: seq & 0xff,
      payload: encodePayload(m),
    }),
  );
  // First byte even: the fuzz target feeds the rest as raw wire bytes.
  return Buffer.concat([Buffer.from([0]), ...frames]);
}

const layer = (nIn: number, nOut: number) => ({
  nIn,
  nOut,
  beta: 0.9,
  threshold: 1,
  weight: Float32Array.from({ length: nIn * nOut }, (_, i) => Math.sin(i) / 2),
  bias: new Float32Array(nOut),
});
const model = buildLeakyModel([layer(6, 8), layer(8, 4)], {
  dt: 1e-4,
  integrator: 'euler',
  reset: 'subtract',
  spikes: 'unit',
});
const { blob } = buildDeployment(model, { inputScale: 1 / 32 });
const input = Uint8Array.from({ length: 3 * 6 }, (_, i) => (i * 37) & 0xff);
const session: Message[] = [
  { kind: 'HELLO', version: PROTOCOL_VERSION, maxPayload: 2048 },
  { kind: 'RESET', scope: 1 },
  { kind: 'LOAD_BEGIN', totalLen: blob.length, crc32: crc32(blob) },
  { kind: 'LOAD_CHUNK', offset: 0, data: blob },
  { kind: 'LOAD_END' },
  { kind: 'INPUT', offset: 0, data: input },
  { kind: 'RUN', first: 0, count: 1, steps: 3 },
  { kind: 'READ', offset: 0, len: 10 },
  { kind: 'COUNTERS_GET', layer: 255 },
  { kind: 'COUNTERS_GET', layer: 1 },
];
const dir = process.argv[2] ?? 'firmware-bridge/build/fuzz-corpus';
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'seed-session'), wire(session));
writeFileSync(join(dir, 'seed-hello'), wire(session.slice(0, 1)));
writeFileSync(join(dir, 'seed-upload'), wire(session.slice(0, 5)));
process.stdout.write(`seeds in ${dir} (blob ${blob.length} bytes)\n`);
