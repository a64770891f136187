// `dynalign device info --port P` and `dynalign device serve --backend ref|rtl --link PATH`.
import type { Command } from 'commander';
import { DeviceClient } from '../../bridge/client.js';
import { addLinkOptions, linkOptions, type LinkFlags } from '../../bridge/cli-options.js';
import type { DeviceInfo } from '../../bridge/info.js';
import { parseBackend, serveFirmware } from '../../bridge/serve.js';
import { emit, log, parseInteger } from '../output.js';

/** Register `device info` and `device serve`: a device's facts, and the host firmware. */
export function register(program: Command): void {
  const device = program.command('device').description('talk to an accelerator over a serial port');

  addLinkOptions(
    device
      .command('info')
      .description('shake hands with a device and print its protocol, back end and memories'),
  )
    .option('--json', 'print one JSON object')
    .action(async (flags: LinkFlags & { json?: boolean }) => {
      const client = await DeviceClient.connect(flags.port, linkOptions(flags));
      await client.close();
      emit(flags.json === true, client.info, () => describe(client.info));
    });

  device
    .command('serve')
    .description('run the host build of the firmware behind a pseudo-terminal (until Ctrl-C)')
    .requiredOption('--link <path>', 'path of the device end to create (a symlink to the pty)')
    .option('--backend <name>', 'ref (C reference core) or rtl (Verilated RTL)', 'ref')
    .option('--config-bytes <n>', 'play a board with this much configuration memory')
    .option('--json', 'print one JSON object when ready')
    .action(
      async (flags: { link: string; backend: string; configBytes?: string; json?: boolean }) => {
        const backend = parseBackend(flags.backend);
        const bytes =
          flags.configBytes === undefined
            ? undefined
            : parseInteger('--config-bytes', flags.configBytes, 64);
        const served = await serveFirmware(flags.link, backend, bytes);
        const stop = () => void served.stop();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        emit(
          flags.json === true,
          { port: served.port, backend, firmwarePid: served.firmwarePid },
          () => served.port,
        );
        log(`dynalign: ${backend} firmware serving on ${served.port} (Ctrl-C stops it)`);
        await served.done;
        await served.stop();
      },
    );
}

function describe(i: DeviceInfo): string {
  const h = i.hwconf;
  const arch =
    h.leak === 'any'
      ? `any architecture, up to ${h.maxLayers} layers`
      : `${h.weightBits}-bit weights, ${h.stateBits}-bit state, ${h.lanes} lanes, ` +
        `${h.leak} leak, up to ${h.maxLayers} layers`;
  return [
    `device on ${i.port}: ${i.backend} back end, firmware ${i.firmware}, protocol ${i.protocol}`,
    `  core: ${arch}, clock ${(i.clockHz / 1e6).toFixed(3)} MHz`,
    `  memories: config ${i.configCapacity} B, weights ${i.wmemWords} words, ` +
      `neurons ${i.nmemWords}, inputs ${i.imemWords}`,
    `  buffers: input ${i.inputCapacity} B, results ${i.resultCapacity} B, ` +
      `payload ${i.maxPayload} B, ${i.maxSteps} steps max`,
    `  capabilities: ${i.caps.join(', ') || 'none'}`,
  ].join('\n');
}
