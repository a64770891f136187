// `npm run bench -- fpga`: Verilator cycles per second beside emulator steps per second, on the
// narrowed demo shape 21→128→128→10 with random weights and seeded random inputs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLeakyModel } from '../src/ir/build.js';
import { mulberry32 } from '../src/util/random.js';
import { runCore } from '../targets/fpga/src/core.js';
import { quantizeInputs } from '../targets/fpga/src/input-scale.js';
import { prepare } from '../targets/fpga/src/prepare.js';
import { randomInputs, RANDOM_SEED, verifyRtl } from '../targets/fpga/src/rtl-verify.js';

const SIZES = [21, 128, 128, 10];
const RTL_INPUTS = 200;
const EMU_INPUTS = 2000;
const STEPS = 5;

function demoShape() {
  const rnd = mulberry32(3);
  const layers = SIZES.slice(1).map((nOut, k) => ({
    nIn: SIZES[k]!,
    nOut,
    beta: 0.95,
    threshold: 1,
    weight: Float32Array.from({ length: SIZES[k]! * nOut }, () => (rnd() - 0.45) * 0.5),
    bias: new Float32Array(nOut),
  }));
  return buildLeakyModel(layers, {
    dt: 1e-4,
    integrator: 'euler',
    reset: 'subtract',
    spikes: 'unit',
  });
}

/** Print both rates; the RTL run is also a full verification. */
export async function run(): Promise<void> {
  const model = demoShape();
  const { prog } = prepare(model, {});

  // Emulator: steps per second on the same kind of inputs.
  const inputs = randomInputs(prog.inputScale, EMU_INPUTS, STEPS, RANDOM_SEED);
  const codes = quantizeInputs(inputs, prog.inputScale);
  const t0 = performance.now();
  const emu = runCore(prog, codes, inputs.n, inputs.steps);
  const emuS = (performance.now() - t0) / 1000;
  const steps = EMU_INPUTS * STEPS;
  process.stdout.write(
    `emulator : ${(steps / emuS).toFixed(0)} steps/s, ` +
      `${(emu.cycles / emuS / 1e6).toFixed(1)} M modelled cycles/s ` +
      `(${EMU_INPUTS} inputs × ${STEPS} steps in ${emuS.toFixed(2)} s)\n`,
  );

  // Verilator: build once, simulate RTL_INPUTS inputs, compare with the emulator.
  const work = await mkdtemp(join(tmpdir(), 'dynalign-bench-fpga-'));
  try {
    const r = await verifyRtl(model, RTL_INPUTS, { options: {}, workDir: work });
    const x = r.extra as { buildS: number; simulationS: number; simulatedCycles: number };
    const rtlSteps = RTL_INPUTS * STEPS;
    process.stdout.write(
      `verilator: ${(x.simulatedCycles / x.simulationS / 1e6).toFixed(1)} M cycles/s, ` +
        `${(rtlSteps / x.simulationS).toFixed(0)} steps/s (${x.simulatedCycles} cycles in ` +
        `${x.simulationS.toFixed(2)} s; build ${x.buildS.toFixed(1)} s)\n` +
        `check    : ${r.check?.summary}\n`,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
