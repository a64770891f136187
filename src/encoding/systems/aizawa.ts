// Aizawa attractor: a torus-like sphere pierced along z.
//   dx/dt = (z − β)·x − δ·y
//   dy/dt = δ·x + (z − β)·y
//   dz/dt = γ + α·z − z³/3 − (x² + y²)·(1 + ε·z) + ζ·z·x³
import { defineSystem } from '../define-system.js';

export const aizawa = defineSystem({
  name: 'aizawa',
  title: 'Aizawa',
  source: 'paper.md §5 (α 0.95, β 0.7, γ 0.6, δ 3.5, ε 0.25, ζ 0.1); reference code: Euler',
  defaults: { alpha: 0.95, beta: 0.7, gamma: 0.6, delta: 3.5, epsilon: 0.25, zeta: 0.1 },
  paramDocs: {
    alpha: 'z self-growth',
    beta: 'z level where the x–y spiral turns from decay to growth',
    gamma: 'z offset',
    delta: 'rotation rate in the x–y plane',
    epsilon: 'z coupling of the radial damping',
    zeta: 'x³ coupling into z',
  },
  rhs: [
    '(z - beta) * x - delta * y',
    'delta * x + (z - beta) * y',
    'gamma + alpha * z - z * z * z / 3 - (x * x + y * y) * (1 + epsilon * z) ' +
      '+ zeta * z * x * x * x',
  ],
  jacobian: [
    ['z - beta', '-delta', 'x'],
    ['delta', 'z - beta', 'y'],
    [
      '-2 * x * (1 + epsilon * z) + 3 * zeta * z * x * x',
      '-2 * y * (1 + epsilon * z)',
      'alpha - z * z - epsilon * (x * x + y * y) + zeta * x * x * x',
    ],
  ],
});
