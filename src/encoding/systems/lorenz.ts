// Lorenz (1963): convection rolls; the classic chaotic attractor, λ1 ≈ 0.906 at (10, 28, 8/3).
//   dx/dt = σ·(y − x),  dy/dt = x·(ρ − z) − y,  dz/dt = x·y − β·z
// The Jacobian's trace is −(σ + 1 + β) everywhere.
import { defineSystem } from '../define-system.js';

export const lorenz = defineSystem({
  name: 'lorenz',
  title: 'Lorenz',
  source: 'paper.md §5 (σ 10, ρ 28, β 8/3)',
  defaults: { sigma: 10, rho: 28, beta: 8 / 3 },
  paramDocs: { sigma: 'Prandtl number', rho: 'Rayleigh number ratio', beta: 'geometry factor' },
  rhs: ['sigma * (y - x)', 'x * (rho - z) - y', 'x * y - beta * z'],
  jacobian: [
    ['-sigma', 'sigma', '0'],
    ['rho - z', '-1', '-x'],
    ['y', 'x', '-beta'],
  ],
  constantTrace: '-(sigma + 1 + beta)',
});
