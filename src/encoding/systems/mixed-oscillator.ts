// Mixed oscillator of Dynamical Alignment (paper.md §4); its damping δ sets the mode.
//   dx/dt = y
//   dy/dt = −α·x − β·x³ − δ·y + γ·z + drive·cos(ω·t)
//   dz/dt = −ω·x − δ·z + γ·x·y
// The Jacobian's trace is −2δ everywhere, so Σλ = −2δ.
import { defineSystem } from '../define-system.js';

export const mixedOscillator = defineSystem({
  name: 'mixed-oscillator',
  title: 'Mixed oscillator (Duffing spring, damping δ, coupled third variable)',
  source: 'paper.md §4: sweep values α 2, β 0.1, γ 0.1, ω 1, drive 0; δ 2 (dissipative end)',
  defaults: { alpha: 2, beta: 0.1, delta: 2, gamma: 0.1, omega: 1, drive: 0 },
  paramDocs: {
    alpha: 'linear stiffness',
    beta: 'cubic (Duffing) stiffness',
    delta: 'damping; Σλ = −2δ (δ > 0 dissipative, δ < 0 expansive)',
    gamma: 'coupling between y and z',
    omega: 'drive frequency and x→z coupling',
    drive: 'amplitude of the cos(ω·t) drive',
  },
  rhs: [
    'y',
    '-alpha * x - beta * x * x * x - delta * y + gamma * z + u',
    '-omega * x - delta * z + gamma * x * y',
  ],
  drive: 'drive * cos(omega * t)',
  jacobian: [
    ['0', '1', '0'],
    ['-alpha - 3 * beta * x * x', '-delta', 'gamma'],
    ['-omega + gamma * y', 'gamma * x', '-delta'],
  ],
  constantTrace: '-2 * delta',
  note: 'for δ < 0 the orbit grows without bound; large |δ| with long tmax can run away',
});
