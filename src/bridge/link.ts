// The host end of the serial link, on `serialport`: opened by path and baud rate, with the
// failures a user meets (no such port, port busy, not a serial device) turned into exit-2 errors.
import { stat } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import { DynalignError } from '../util/errors.js';

/** A byte pipe to a device. */
export interface Link {
  readonly path: string;
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (bytes: Uint8Array) => void): void;
  /** Called once when the port goes away (device unplugged, pty closed). */
  onClose(listener: () => void): void;
  close(): Promise<void>;
}

/** Baud rates a user may pass with --baud (the common UART set; a pty ignores them). */
export const BAUD_RATES = [9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600, 1000000];
export const DEFAULT_BAUD = 115200;

/** Open a serial port exclusively; throws DynalignError (exit 2) naming the port. */
export async function openSerialLink(path: string, baudRate = DEFAULT_BAUD): Promise<Link> {
  await checkPortPath(path);
  const port = new SerialPort({ path, baudRate, autoOpen: false, lock: true });
  await new Promise<void>((resolve, reject) => {
    port.open((err) => (err ? reject(portError(path, err)) : resolve()));
  });

  // Errors after opening (device gone) end the link; the session sees the close.
  port.on('error', () => undefined);
  return {
    path,
    write: (bytes) =>
      new Promise<void>((resolve, reject) => {
        port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        port.drain((err) => (err ? reject(err) : resolve()));
      }),
    onData: (listener) => port.on('data', (b: Buffer) => listener(new Uint8Array(b))),
    onClose: (listener) => port.once('close', listener),
    close: () =>
      new Promise<void>((resolve) => {
        if (!port.isOpen) return resolve();
        port.close(() => resolve());
      }),
  };
}

async function checkPortPath(path: string): Promise<void> {
  try {
    await stat(path);
  } catch {
    throw new DynalignError('E_PORT_MISSING', 'serial port does not exist', {
      field: '--port',
      value: path,
      fix:
        'plug the board in and pass its device (e.g. /dev/ttyUSB0), or start the host ' +
        'firmware with `dynalign device serve` and pass the path it prints',
    });
  }
}

function portError(path: string, err: Error): DynalignError {
  const text = err.message;
  if (/Cannot lock port|Resource temporarily unavailable|EBUSY/i.test(text)) {
    return new DynalignError('E_PORT_BUSY', 'serial port is in use by another process', {
      field: '--port',
      value: path,
      fix: 'close the other program (another dynalign, screen, minicom) and retry',
      cause: err,
    });
  }
  if (/Permission denied|EACCES/i.test(text)) {
    return new DynalignError('E_PORT_ACCESS', 'no permission to open the serial port', {
      field: '--port',
      value: path,
      fix: 'add yourself to the dialout group (sudo usermod -aG dialout $USER) and log in again',
      cause: err,
    });
  }
  return new DynalignError('E_PORT_OPEN', `cannot open serial port: ${text}`, {
    field: '--port',
    value: path,
    fix: 'pass a serial device (a tty such as /dev/ttyUSB0 or a pty from `dynalign device serve`)',
    cause: err,
  });
}
