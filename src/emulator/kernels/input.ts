// One input frame into the Input node's buffer: float values as they are, or integers by the
// profile's input rule (src/quantize/input-scale.ts), checked to be 0/1 for binary profiles.
import { quantizeInput } from '../../quantize/input-scale.js';
import { DynalignError } from '../../util/errors.js';
import type { InputOp, Plan, Vec } from '../plan-types.js';

/** Fill `out` with the frame that starts at `at`. */
export function readFrame(
  op: InputOp,
  plan: Plan,
  frames: Float32Array,
  at: number,
  out: Vec,
): void {
  if (!plan.integer) {
    for (let j = 0; j < out.length; j++) out[j] = frames[at + j]!;
  } else {
    const r = plan.profile.paramRounding;
    for (let j = 0; j < out.length; j++) {
      const shift = op.shifts ? op.shifts[j]! : 0;
      out[j] = quantizeInput(frames[at + j]!, op.scale, shift, op.bits, op.exponentMax, r);
    }
  }
  if (plan.profile.input.mode === 'binary') checkBinary(out, at);
}

function checkBinary(v: Vec, at: number): void {
  for (let j = 0; j < v.length; j++) {
    if (v[j] === 0 || v[j] === 1) continue;
    throw new DynalignError('E_INPUT', 'this profile takes binary (0/1) inputs only', {
      field: `input[${at + j}]`,
      value: v[j],
      fix: 'encode the input as spikes, or use a profile with graded input',
    });
  }
}
