// `dynalign deploy MODEL --port P [--baud B]`: upload a model to the accelerator on a serial port.
import type { Command } from 'commander';
import { loadValidModel } from '../../io/model-file.js';
import { addLinkOptions, linkOptions, type LinkFlags } from '../../bridge/cli-options.js';
import { deployModel } from '../../bridge/deploy.js';
import { emit, log, progressBar } from '../output.js';
import { parsePassThrough } from '../pass-through.js';

/** Register `deploy`: the upload half of the serial path, on its own. */
export function register(program: Command): void {
  addLinkOptions(
    program
      .command('deploy')
      .description(
        'quantise a model for the fpga core and upload it to a device over a serial port',
      )
      .argument('<model>', 'model file'),
  )
    .option('--json', 'print one JSON object')
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .helpOption('-h, --help', 'fpga target options (e.g. --weight-bits 8) are passed through')
    .action(async (modelPath: string, flags: LinkFlags & { json?: boolean }, cmd: Command) => {
      const targetOptions = parsePassThrough(cmd.args.slice(1));
      const model = await loadValidModel(modelPath);
      let bar: ReturnType<typeof progressBar> | undefined;
      const { client, report } = await deployModel(model, {
        port: flags.port,
        ...linkOptions(flags),
        targetOptions,
        onProgress: (done, total) => {
          bar ??= progressBar('upload', total);
          bar.update(done);
        },
      }).finally(() => bar?.stop());
      await client.close();
      log(
        `dynalign: uploaded ${report.blobBytes} bytes in ${report.uploadMs.toFixed(0)} ms ` +
          `(${report.link.resends} resends)`,
      );
      emit(flags.json === true, report, () =>
        [
          `deployed ${modelPath} to ${report.device.backend} device on ${report.port}`,
          `  ${report.layers} layers, ${report.inputs} inputs, ${report.outputs} outputs; ` +
            `config ${report.blobBytes} bytes, CRC-32 0x${hex8(report.configCrc32)}`,
        ].join('\n'),
      );
    });
}

function hex8(v: number): string {
  return v.toString(16).padStart(8, '0');
}
