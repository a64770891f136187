// Mixed oscillator of Dynamical Alignment (paper.md §4); its damping δ sets the mode.
//   dx/dt = y
//   dy/dt = −α·x − β·x³ − δ·y + γ·z + drive·cos(ω·t)
//   dz/dt = −ω·x − δ·z + γ·x·y
// The Jacobian's trace is −2δ everywhere, so Σλ = −2δ.
import type { DynamicalSystem } from '../system.js';

export const mixedOscillator: DynamicalSystem = {
  name: 'mixed-oscillator',
  defaults: { alpha: 2, beta: 0.1, delta: 2, gamma: 0.1, omega: 1, drive: 0 },

  derivative(x, y, z, t, p, out) {
    out[0] = y;
    out[1] = -p.alpha! * x - p.beta! * x * x * x - p.delta! * y + p.gamma! * z + p.drive! * Math.cos(p.omega! * t);
    out[2] = -p.omega! * x - p.delta! * z + p.gamma! * x * y;
  },

  jacobian(x, y, _z, _t, p, out) {
    out.set([0, 1, 0, -p.alpha! - 3 * p.beta! * x * x, -p.delta!, p.gamma!, -p.omega! + p.gamma! * y, p.gamma! * x, -p.delta!]);
  },

  sigmaLambda: (p) => -2 * p.delta!,
};
