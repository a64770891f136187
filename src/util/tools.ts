// System tools dynalign calls (through execa), and the Debian package each comes from.
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { DynalignError } from './errors.js';

export interface SystemTool {
  /** The Debian package that provides it. */
  pkg: string;
  /** Arguments that print a version (or, with `versionFromPackage`, just prove it runs). */
  versionArgs: string[];
  /** The program to run when it is not the tool's name (python3 for a Python module). */
  command?: string;
  /** Present only when the command exits 0 (an import check), not merely when it runs. */
  mustSucceed?: boolean;
  /** The tool prints no version; report the Debian package's version instead. */
  versionFromPackage?: boolean;
}

/**
 * The interpreter Debian's python3-* packages install into: /usr/bin/python3 when present (a
 * pyenv or venv python3 first on PATH does not see them), else whatever python3 is on PATH.
 */
export const DEBIAN_PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

// What `npm test` needs (README, "Requirements"): the FPGA flow, the serial bridge, the PyNN and
// Brian 2 references for SpiNNaker, and Chromium for the report's browser test.
export const SYSTEM_TOOLS: Record<string, SystemTool> = {
  verilator: { pkg: 'verilator', versionArgs: ['--version'] },
  iverilog: { pkg: 'iverilog', versionArgs: ['-V'] },
  yosys: { pkg: 'yosys', versionArgs: ['-V'] },
  'nextpnr-ice40': { pkg: 'nextpnr-ice40', versionArgs: ['--version'] },
  icepack: { pkg: 'fpga-icestorm', versionArgs: ['-h'], versionFromPackage: true },
  socat: { pkg: 'socat', versionArgs: ['-V'] },
  cc: { pkg: 'gcc', versionArgs: ['--version'] },
  python3: { pkg: 'python3', versionArgs: ['--version'] },
  'python3-pynn': pythonModule('python3-pynn', 'pyNN'),
  'python3-brian': pythonModule('python3-brian', 'brian2'),
  chromium: { pkg: 'chromium', versionArgs: ['--version'] },
};

function pythonModule(pkg: string, module: string): SystemTool {
  const code = `import ${module}; print('${module}', ${module}.__version__)`;
  return { pkg, command: DEBIAN_PYTHON, versionArgs: ['-c', code], mustSucceed: true };
}

/** The first line of a tool's version output, or undefined when it is not installed. */
export async function toolVersion(name: string): Promise<string | undefined> {
  const t = SYSTEM_TOOLS[name];
  if (!t) return undefined;
  try {
    const opts = { reject: false, timeout: 10_000, all: true } as const;
    const r = await execa(t.command ?? name, t.versionArgs, opts);
    if (r.failed && r.exitCode === undefined) return undefined;
    if (t.mustSucceed === true && r.exitCode !== 0) return undefined;
    if (t.versionFromPackage === true) return await packageVersion(t.pkg);
    // stdout first: a launcher script's shell noise on stderr is not the version (chromium).
    const text = String(r.stdout ?? '').trim() !== '' ? String(r.stdout) : String(r.all ?? '');
    const line = text.split('\n').find((l) => l.trim() !== '');
    return line?.trim() ?? 'present';
  } catch {
    return undefined;
  }
}

/** `<package> <version>` from dpkg, or 'present' when dpkg does not know the package. */
async function packageVersion(pkg: string): Promise<string> {
  const r = await execa('dpkg-query', ['-W', '-f=${Version}', pkg], { reject: false });
  return r.exitCode === 0 && r.stdout.trim() !== '' ? `${pkg} ${r.stdout.trim()}` : 'present';
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
