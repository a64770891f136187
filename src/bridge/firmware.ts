// The host build of the firmware: built on demand with make, started on one end of a pty pair.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { DynalignError } from '../util/errors.js';
import { requireTool } from '../util/tools.js';
import { stopProcess } from './pty.js';

export const FIRMWARE_DIR = fileURLToPath(new URL('../../firmware-bridge/', import.meta.url));
export type Backend = 'ref' | 'rtl';
export const BACKENDS: readonly Backend[] = ['ref', 'rtl'];

/** Path of the host firmware binary of a back end. */
export function firmwareBinary(backend: Backend): string {
  return FIRMWARE_DIR + (backend === 'ref' ? 'build/dynalign-fw' : 'build/rtl/dynalign-fw-rtl');
}

/** Run make for the back end's binary (a no-op when it is up to date). */
export async function buildFirmware(backend: Backend): Promise<string> {
  await requireTool('cc');
  if (backend === 'rtl') await requireTool('verilator');
  const target = backend === 'ref' ? 'host' : 'host-rtl';
  const r = await execa('make', ['-s', '-C', FIRMWARE_DIR, target], { reject: false, all: true });
  if (r.exitCode !== 0) {
    throw new DynalignError('E_FIRMWARE_BUILD', `building the ${backend} host firmware failed`, {
      file: FIRMWARE_DIR + 'Makefile',
      value: (r.all ?? '').split('\n').slice(-3).join(' | '),
      fix: `run \`make -C firmware-bridge ${target}\` to see the full error`,
    });
  }
  return firmwareBinary(backend);
}

export interface FirmwareOptions {
  backend: Backend;
  /** The pty end the firmware opens. */
  port: string;
  /** Smaller configuration memory than the build's, to play a small board. */
  configBytes?: number;
  /** Test hook: make the firmware speak another protocol version. */
  claimVersion?: number;
}

/** Start the host firmware and wait for its ready line. */
export async function startFirmware(o: FirmwareOptions): Promise<ChildProcess> {
  const bin = await buildFirmware(o.backend);
  const args = ['--port', o.port, '--backend', o.backend];
  if (o.configBytes !== undefined) args.push('--config-bytes', String(o.configBytes));
  if (o.claimVersion !== undefined) args.push('--claim-version', String(o.claimVersion));
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const ready = await new Promise<boolean>((resolve) => {
    child.stdout?.once('data', () => resolve(true));
    child.once('exit', () => resolve(false));
  });
  if (!ready) {
    await stopProcess(child);
    throw new DynalignError('E_FIRMWARE_START', 'the host firmware did not start', {
      value: err.trim(),
      fix: `run ${bin} ${args.join(' ')} by hand to see why`,
    });
  }
  return child;
}
