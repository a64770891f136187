// System tools dynalign calls (through execa), and the Debian package each comes from.
import { execa } from 'execa';
import { DynalignError } from './errors.js';

export const SYSTEM_TOOLS: Record<string, { pkg: string; versionArgs: string[] }> = {
  verilator: { pkg: 'verilator', versionArgs: ['--version'] },
  iverilog: { pkg: 'iverilog', versionArgs: ['-V'] },
  yosys: { pkg: 'yosys', versionArgs: ['-V'] },
  'nextpnr-ice40': { pkg: 'nextpnr-ice40', versionArgs: ['--version'] },
  icepack: { pkg: 'fpga-icestorm', versionArgs: ['-h'] },
  socat: { pkg: 'socat', versionArgs: ['-V'] },
  cc: { pkg: 'gcc', versionArgs: ['--version'] },
  python3: { pkg: 'python3', versionArgs: ['--version'] },
};

/** The first line of a tool's version output, or undefined when it is not installed. */
export async function toolVersion(name: string): Promise<string | undefined> {
  const t = SYSTEM_TOOLS[name];
  if (!t) return undefined;
  try {
    const r = await execa(name, t.versionArgs, { reject: false, timeout: 10_000, all: true });
    if (r.failed && r.exitCode === undefined) return undefined;
    const line = (r.all ?? '').split('\n').find((l) => l.trim() !== '');
    return line?.trim() ?? 'present';
  } catch {
    return undefined;
  }
}

/** Throw a clear error (exit 2) when a needed tool is missing. */
export async function requireTool(name: string): Promise<void> {
  if ((await toolVersion(name)) !== undefined) return;
  const pkg = SYSTEM_TOOLS[name]?.pkg ?? name;
  throw new DynalignError('E_TOOL_MISSING', `system tool '${name}' is not installed`, {
    field: name,
    fix: `install it: apt-get install ${pkg}`,
  });
}
