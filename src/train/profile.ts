// Wall-clock time per phase of a training step (matmul, lif, loss, adam, ...), for the
// benchmark and `dynalign train --profile`.

export type Profile = Record<string, number>;

/** Run `f`, adding its duration in milliseconds to `prof[phase]` when profiling. */
export function timed<T>(prof: Profile | undefined, phase: string, f: () => T): T {
  if (!prof) return f();
  const t0 = performance.now();
  const r = f();
  prof[phase] = (prof[phase] ?? 0) + performance.now() - t0;
  return r;
}

/** Shares of the total, largest first, as "matmul 61% · lif 20% · ...". */
export function formatProfile(prof: Profile): string {
  const total = Object.values(prof).reduce((a, b) => a + b, 0);
  if (total === 0) return 'no time recorded';
  return Object.entries(prof)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${((100 * v) / total).toFixed(0)}%`)
    .join(' · ');
}
