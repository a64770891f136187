// The float profile: no quantisation at all, float64 state. The emulator run under it is the
// reference the integer profiles are compared against (it equals the IR's float semantics).
import type { NumericProfile } from '../profile.js';

/** float64 everywhere; registers are nominal (53-bit mantissa) and never overflow in practice. */
export const FLOAT_PROFILE: NumericProfile = {
  id: 'float',
  name: 'float',
  kind: 'float',
  description: 'float64 reference: the IR semantics without quantisation',
  state: { bits: 64, overflow: 'saturate' },
  current: { bits: 64, overflow: 'saturate' },
  accumulator: { bits: 64, overflow: 'saturate' },
  leak: { kind: 'multiply-shift', fractionBits: 52, rounding: 'nearest-even' },
  weight: {
    bits: 64,
    sign: 'twos-complement',
    shiftMin: 0,
    shiftMax: 0,
    shiftRounding: 'nearest-even',
    scale: 'per-layer',
  },
  input: { mode: 'graded', bits: 64 },
  compare: '>',
  reset: { mode: 'model', timing: 'model', refractorySteps: 0 },
  synapticDelay: 0,
  headroomBits: 0,
  paramRounding: 'nearest-even',
  config: {},
};
