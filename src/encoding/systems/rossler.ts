// Rössler (1976): a single-scroll attractor, λ1 ≈ 0.07 at (0.2, 0.2, 5.7).
//   dx/dt = −y − z,  dy/dt = x + a·y,  dz/dt = b + z·(x − c)
// Trace a + x − c varies along the orbit, so Σλ is a time average.
import { defineSystem } from '../define-system.js';

export const rossler = defineSystem({
  name: 'rossler',
  title: 'Rössler',
  source: 'paper.md §5 (a 0.2, b 0.2, c 5.7); the reference code used forward Euler, we use RK4',
  defaults: { a: 0.2, b: 0.2, c: 5.7 },
  paramDocs: { a: 'y self-feedback', b: 'z offset', c: 'z threshold on x' },
  rhs: ['-y - z', 'x + a * y', 'b + z * (x - c)'],
  jacobian: [
    ['0', '-1', '-1'],
    ['1', 'a', '0'],
    ['z', '0', 'x - c'],
  ],
});
