// Plain-text views of systems and analyses for the CLI (the CLI prints; this only formats).
import type { ModeAnalysis } from './analysis.js';
import type { RegisteredSystem } from './system.js';

/** One system as JSON for `encode --list --json`. */
export function systemInfo(sys: RegisteredSystem): Record<string, unknown> {
  const d = sys.definition;
  return {
    name: d.name,
    title: d.title,
    source: d.source,
    params: Object.fromEntries(
      Object.entries(d.defaults).map(([k, v]) => [
        k,
        { default: v, meaning: d.paramDocs[k] ?? '' },
      ]),
    ),
    equations: { dx: d.rhs[0], dy: d.rhs[1], dz: d.rhs[2], ...(d.drive ? { u: d.drive } : {}) },
    constantTrace: d.constantTrace ?? null,
    note: d.note ?? null,
  };
}

const num = (v: number): string => String(Number(v.toPrecision(6)));

/** The `encode --list` text: name, equations and each parameter with its default. */
export function formatSystemList(systems: readonly RegisteredSystem[]): string {
  return systems
    .map((sys) => {
      const d = sys.definition;
      const lines = [`${d.name}  ${d.title}`];
      const names = ['dx/dt', 'dy/dt', 'dz/dt'];
      d.rhs.forEach((e, i) => lines.push(`    ${names[i]} = ${e}`));
      if (d.drive) lines.push(`    u(t)  = ${d.drive}`);
      if (d.constantTrace) lines.push(`    Σλ = trace J = ${d.constantTrace} (constant)`);
      for (const [k, v] of Object.entries(d.defaults)) {
        lines.push(`    --param ${`${k}=${num(v)}`.padEnd(20)} ${d.paramDocs[k] ?? ''}`);
      }
      if (d.note) lines.push(`    note: ${d.note}`);
      lines.push(`    source: ${d.source}`);
      return lines.join('\n');
    })
    .join('\n\n');
}

/** The `encode --lyapunov` text. */
export function formatAnalysis(a: ModeAnalysis): string {
  const w = a.window;
  const fromEquations =
    a.analyticSigmaLambda === null ? '' : `; equations: ${num(a.analyticSigmaLambda)}`;
  const lines = [
    `${a.system} (${Object.entries(a.params)
      .map(([k, v]) => `${k}=${num(v)}`)
      .join(' ')})`,
    `  Lyapunov spectrum  ${a.lyapunov.map((l) => l.toFixed(4)).join('  ')}`,
    `  Σλ                 ${a.sigmaLambda.toFixed(4)}  (trace of J along the orbit: ` +
      `${a.traceMean.toFixed(4)}${fromEquations})`,
    `  Kaplan–Yorke dim.  ${a.kaplanYorke.toFixed(3)}`,
    `  mode               ${a.mode}  (ε = ${a.epsilon})`,
    `  window             ${w.kind}: transient ${w.transient}, averaged ${w.time}, h ${w.h}, ` +
      `QR every ${w.qrEvery} steps, from (${w.initial.join(', ')})`,
  ];
  if (w.note) lines.push(`  note               ${w.note}`);
  return lines.join('\n');
}

/** The steps × (x, y, z) table of one encoded feature value. */
export function formatEncoding(value: number, rows: ReadonlyArray<readonly number[]>): string {
  const cells = (c: readonly string[]): string => c.map((v) => v.padStart(13)).join('');
  return [
    `feature value f = ${value}, start (f, 0.2f, −f); the network sees:`,
    `  step${cells(['x', 'y', 'z'])}`,
    ...rows.map((r, s) => `  ${String(s).padStart(4)}${cells(r.map(num))}`),
  ].join('\n');
}
