// `dynalign device serve`: the host firmware behind a socat pty pair, until interrupted.
import { dirname, resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import { DynalignError, didYouMean } from '../util/errors.js';
import { BACKENDS, startFirmware, type Backend } from './firmware.js';
import { openPtyPair, stopProcess } from './pty.js';

export interface Served {
  port: string;
  backend: Backend;
  firmwarePid: number;
  /** Resolves when the firmware exits. */
  done: Promise<void>;
  stop(): Promise<void>;
}

/** Check a back-end name (usage error with did-you-mean). */
export function parseBackend(name: string): Backend {
  if ((BACKENDS as readonly string[]).includes(name)) return name as Backend;
  const guess = didYouMean(name, BACKENDS);
  throw new DynalignError('E_USAGE', 'unknown firmware back end', {
    field: '--backend',
    value: name,
    fix: `${guess ? `did you mean '${guess}'? ` : ''}use one of ${BACKENDS.join(', ')}`,
  });
}

/** Create the pair (host end at `link`, firmware end beside it) and start the firmware. */
export async function serveFirmware(
  link: string,
  backend: Backend,
  configBytes?: number,
): Promise<Served> {
  const port = resolve(link);
  const folder = await stat(dirname(port)).catch(() => undefined);
  if (!folder?.isDirectory()) {
    throw new DynalignError('E_USAGE', 'the folder of the link path does not exist', {
      field: '--link',
      value: link,
      fix: 'pass a path in an existing folder, e.g. /tmp/dynalign-dev',
    });
  }
  if (
    await stat(port).then(
      () => true,
      () => false,
    )
  ) {
    throw new DynalignError('E_USAGE', 'the link path already exists', {
      field: '--link',
      value: link,
      fix: 'stop the other `device serve` or choose another path',
    });
  }
  const pair = await openPtyPair(`${port}.fw`, port);
  try {
    const fw = await startFirmware({ backend, port: pair.a, configBytes });
    const done = new Promise<void>((r) => fw.once('exit', () => r()));
    return {
      port,
      backend,
      firmwarePid: fw.pid ?? -1,
      done,
      stop: async () => {
        await Promise.all([stopProcess(fw), pair.close()]);
      },
    };
  } catch (err) {
    await pair.close();
    throw err;
  }
}
