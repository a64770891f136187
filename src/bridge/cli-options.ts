// Link options shared by `device info`, `deploy` and `verify --port`, parsed with clear errors.
import type { Command } from 'commander';
import { parseInteger } from '../cli/output.js';
import { DynalignError } from '../util/errors.js';
import { RUN_WORK_MAX_MS } from './client.js';
import { BAUD_RATES, DEFAULT_BAUD } from './link.js';
import { DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS } from './session.js';

export interface LinkFlags {
  port: string;
  baud?: string;
  timeout?: string;
  retries?: string;
}

/** Add --port, --baud, --timeout and --retries to a command. */
export function addLinkOptions(cmd: Command, portRequired = true): Command {
  const port = '--port <path>';
  const portHelp =
    'serial port of the device (e.g. /dev/ttyUSB0, or the path `device serve` prints)';
  (portRequired ? cmd.requiredOption(port, portHelp) : cmd.option(port, portHelp))
    .option('--baud <rate>', `baud rate (${BAUD_RATES.join(', ')}; default ${DEFAULT_BAUD})`)
    .option('--timeout <ms>', `longest wait for one reply (default ${DEFAULT_TIMEOUT_MS})`)
    .option(
      '--retries <n>',
      `silent timeouts in a row before giving up (default ${DEFAULT_RETRIES})`,
    );
  return cmd;
}

/** Connect options from the flags; a bad value is a usage error naming the flag. */
export function linkOptions(f: LinkFlags): {
  baudRate: number;
  timeoutMs: number;
  retries: number;
} {
  const baudRate = f.baud === undefined ? DEFAULT_BAUD : parseInteger('--baud', f.baud, 1);
  if (!BAUD_RATES.includes(baudRate)) {
    throw new DynalignError('E_USAGE', 'unsupported baud rate', {
      field: '--baud',
      value: f.baud,
      fix: `use one of ${BAUD_RATES.join(', ')}`,
    });
  }
  return {
    baudRate,
    timeoutMs:
      f.timeout === undefined ? DEFAULT_TIMEOUT_MS : parseInteger('--timeout', f.timeout, 10),
    retries: f.retries === undefined ? DEFAULT_RETRIES : parseInteger('--retries', f.retries, 0),
  };
}

// UART time allowance of one wait: a largest request and a largest reply, 10 bits per byte.
const WIRE_BYTES = 2 * 2100;

/** The longest a lost link takes to be reported: every silent wait at its cap. */
export function failureBoundMs(o: {
  timeoutMs: number;
  retries: number;
  baudRate: number;
}): number {
  const wire = (WIRE_BYTES * 10 * 1000) / o.baudRate;
  return (o.retries + 1) * (o.timeoutMs + wire + RUN_WORK_MAX_MS);
}
