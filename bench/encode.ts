// `npm run bench -- encode`: encode 10,000 samples × 7 features with the mixed oscillator
// (tmax 8, h 0.01: 56 million RK4 steps) on one thread, on two workers, and with a plain C loop
// compiled here with cc -O3 -march=native, and report RK4 steps per second for each.
import { execa } from 'execa';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFeatures } from '../src/encoding/encoder.js';
import { encodeFeaturesParallel } from '../src/encoding/parallel.js';
import { SYSTEMS } from '../src/encoding/registry.js';
import { requireTool } from '../src/util/tools.js';
import { mulberry32 } from '../src/util/random.js';

const N = 10_000;
const K = 7;
const REPEATS = 5;
const spec = {
  system: 'mixed-oscillator',
  params: { delta: 2 },
  h: 0.01,
  tmax: 8,
  numSteps: 5,
  nFeatures: K,
  sigmaLambda: -4,
};
const RK4_STEPS = N * K * Math.round(spec.tmax / spec.h);

// The C baseline: the straightforward loop (one trajectory at a time, equations written out,
// drive term dropped because drive = 0), same normalisation, resampling and float32 output.
const C_SOURCE = String.raw`
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
int main(int argc, char **argv) {
  int n = atoi(argv[1]), k = atoi(argv[2]), ns = atoi(argv[3]), nout = atoi(argv[4]);
  double h = atof(argv[5]), al = 2, be = 0.1, de = 2, ga = 0.1, om = 1;
  float *F = malloc(sizeof(float) * n * k), *O = malloc(sizeof(float) * n * nout * 3 * k);
  FILE *in = fopen(argv[6], "rb");
  if (fread(F, sizeof(float), n * k, in) != (size_t)(n * k)) return 1;
  fclose(in);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int i = 0; i < n; i++) {
    double m = 0;
    for (int f = 0; f < k; f++) m = fmax(m, fabs(F[i * k + f]));
    for (int f = 0; f < k; f++) {
      double v = m > 0 ? F[i * k + f] / m : 0, x = v, y = 0.2 * v, z = -v;
      int q = 0;
      for (int s = 0; s <= ns && q < nout; s++) {
        double pos = (double)q * ns / (nout - 1);
        while (q < nout && (int)floor(pos) == s) {
          float *o = O + ((size_t)i * nout + q) * 3 * k + 3 * f;
          o[0] = x; o[1] = y; o[2] = z;
          q++; pos = (double)q * ns / (nout - 1);
        }
        if (s == ns) break;
        double a1 = y, a2 = -al*x - be*x*x*x - de*y + ga*z, a3 = -om*x - de*z + ga*x*y;
        double X = x + 0.5*h*a1, Y = y + 0.5*h*a2, Z = z + 0.5*h*a3;
        double b1 = Y, b2 = -al*X - be*X*X*X - de*Y + ga*Z, b3 = -om*X - de*Z + ga*X*Y;
        X = x + 0.5*h*b1; Y = y + 0.5*h*b2; Z = z + 0.5*h*b3;
        double c1 = Y, c2 = -al*X - be*X*X*X - de*Y + ga*Z, c3 = -om*X - de*Z + ga*X*Y;
        X = x + h*c1; Y = y + h*c2; Z = z + h*c3;
        double d1 = Y, d2 = -al*X - be*X*X*X - de*Y + ga*Z, d3 = -om*X - de*Z + ga*X*Y;
        x += h / 6 * (a1 + 2*b1 + 2*c1 + d1);
        y += h / 6 * (a2 + 2*b2 + 2*c2 + d2);
        z += h / 6 * (a3 + 2*b3 + 2*c3 + d3);
      }
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("%.6f\n", (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec));
  FILE *out = fopen(argv[7], "wb");
  fwrite(O, sizeof(float), (size_t)n * nout * 3 * k, out);
  fclose(out);
  return 0;
}
`;

async function seconds(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

/** Compile the C loop; each run reports its own clock, which excludes start-up and file I/O. */
async function buildC(dir: string, features: Float32Array): Promise<() => Promise<number>> {
  await requireTool('cc');
  await writeFile(join(dir, 'loop.c'), C_SOURCE);
  await writeFile(join(dir, 'features.f32'), features);
  await execa('cc', ['-O3', '-march=native', '-o', join(dir, 'loop'), join(dir, 'loop.c'), '-lm']);
  const args = [N, K, 800, spec.numSteps, spec.h, join(dir, 'features.f32'), join(dir, 'out.f32')];
  return async () => Number((await execa(join(dir, 'loop'), args.map(String))).stdout);
}

async function readC(dir: string): Promise<Float32Array> {
  const raw = await readFile(join(dir, 'out.f32'));
  return new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
}

const rate = (s: number): string => `${(RK4_STEPS / s / 1e6).toFixed(1)} M RK4 steps/s`;

/** Time C, one JS thread and two workers on the same features; print rates and ratios. */
export async function run(): Promise<void> {
  const rand = mulberry32(2508);
  // Uniform features stand in for reduced MNIST: the loop's cost does not depend on the values.
  const features = Float32Array.from({ length: N * K }, () => rand() * 2 - 1);
  const sys = SYSTEMS['mixed-oscillator']!;
  const dir = await mkdtemp(join(tmpdir(), 'dynalign-bench-encode-'));
  try {
    // Rounds alternate C, one thread and two workers, so a busy machine slows all three alike;
    // the best round of each is reported.
    const runC = await buildC(dir, features);
    const t = { c: [] as number[], one: [] as number[], two: [] as number[] };
    let js = encodeFeatures(sys, spec, features, N);
    for (let r = 0; r < REPEATS; r++) {
      t.c.push(await runC());
      t.one.push(await seconds(() => (js = encodeFeatures(sys, spec, features, N))));
      t.two.push(
        await seconds(() => encodeFeaturesParallel(sys, spec, features, N, { workers: 2 })),
      );
    }
    const c = { best: Math.min(...t.c), out: await readC(dir) };
    const one = { best: Math.min(...t.one), first: t.one[0]! };
    const two = { best: Math.min(...t.two), first: t.two[0]! };
    let diff = 0;
    for (let i = 0; i < js.data.length; i++)
      diff = Math.max(diff, Math.abs(js.data[i]! - c.out[i]!));

    const lines = [
      `encode: ${N} samples × ${K} features, mixed oscillator δ 2, tmax 8, h 0.01: ` +
        `${RK4_STEPS / 1e6} M RK4 steps`,
      `  C loop (cc -O3 -march=native)  ${c.best.toFixed(3)} s  ${rate(c.best)}  ` +
        `(best of ${REPEATS})`,
      `  JS, 1 thread                   ${one.best.toFixed(3)} s  ${rate(one.best)}  ` +
        `(best of ${REPEATS}; first timed ${one.first.toFixed(3)} s)`,
      `  JS / C                         ${(one.best / c.best).toFixed(2)}×  (aim ≤ 1.5×)`,
      `  JS, 2 workers                  ${two.best.toFixed(3)} s  ${rate(two.best)}  ` +
        `speed-up ${(one.best / two.best).toFixed(2)}× ` +
        `(first ${two.first.toFixed(3)} s; every run includes thread start)`,
      `  max |JS − C| over the tensor   ${diff.toExponential(2)}`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
