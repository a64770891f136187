// A device on the desk without a board: host firmware behind socat pty pairs, optionally with
// the fault-injection proxy between host and device. Used by tests, the bench and `device serve`.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { FIRMWARE_DIR, startFirmware, type Backend } from './firmware.js';
import { openPtyPair, stopProcess, type PtyPair } from './pty.js';

/** Fault rates of the proxy (each a probability per byte, or per frame for dropFrame). */
export interface FaultRates {
  drop?: number;
  dup?: number;
  corrupt?: number;
  delay?: number;
  delayMs?: number;
  dropFrame?: number;
  seed?: number;
}

export interface Bench {
  /** The host-facing serial path. */
  port: string;
  firmware: ChildProcess;
  /** Cut and restore the link (proxy only). */
  cut(): void;
  restore(): void;
  /** Stop everything; returns the proxy's counts when there was one. */
  stop(): Promise<Record<string, unknown> | undefined>;
}

export interface BenchOptions {
  backend: Backend;
  faults?: FaultRates;
  /** Keep a proxy even with no faults, so the link can be cut. */
  proxy?: boolean;
  configBytes?: number;
  claimVersion?: number;
}

/** Start firmware (and proxy) on fresh pty pairs in a temporary folder. */
export async function startBench(o: BenchOptions): Promise<Bench> {
  const dir = await mkdtemp(join(tmpdir(), 'dynalign-bridge-'));
  const pairs: PtyPair[] = [];
  const useProxy = o.proxy === true || o.faults !== undefined;
  try {
    const dev = await openPtyPair(join(dir, 'fw'), join(dir, useProxy ? 'proxy-device' : 'host'));
    pairs.push(dev);
    const firmware = await startFirmware({
      backend: o.backend,
      port: dev.a,
      configBytes: o.configBytes,
      claimVersion: o.claimVersion,
    });
    let proxy: ChildProcess | undefined;
    if (useProxy) {
      const host = await openPtyPair(join(dir, 'host'), join(dir, 'proxy-host'));
      pairs.push(host);
      proxy = await startProxy(host.b, dev.b, o.faults ?? {});
    }
    return {
      port: join(dir, 'host'),
      firmware,
      cut: () => proxy?.kill('SIGUSR1'),
      restore: () => proxy?.kill('SIGUSR1'),
      stop: async () => {
        const counts = proxy ? await stopProxy(proxy) : undefined;
        await stopProcess(firmware);
        for (const p of pairs) await p.close();
        await rm(dir, { recursive: true, force: true });
        return counts;
      },
    };
  } catch (err) {
    for (const p of pairs) await p.close();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

async function startProxy(host: string, device: string, f: FaultRates): Promise<ChildProcess> {
  await execa('make', ['-s', '-C', FIRMWARE_DIR, 'proxy']);
  const args = ['--host', host, '--device', device];
  const rates: Array<[string, number | undefined]> = [
    ['--drop', f.drop],
    ['--dup', f.dup],
    ['--corrupt', f.corrupt],
    ['--delay', f.delay],
    ['--delay-ms', f.delayMs],
    ['--drop-frame', f.dropFrame],
    ['--seed', f.seed],
  ];
  for (const [k, v] of rates) if (v !== undefined) args.push(k, String(v));
  const child = spawn(FIRMWARE_DIR + 'build/fault-proxy', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve) => child.stderr?.once('data', () => resolve()));
  return child;
}

async function stopProxy(child: ChildProcess): Promise<Record<string, unknown> | undefined> {
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  await stopProcess(child);
  try {
    return JSON.parse(out) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
