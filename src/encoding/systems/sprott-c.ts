// Sprott case C: one of Sprott's minimal chaotic flows.
//   dx/dt = y·z,  dy/dt = x − y,  dz/dt = 1 − a·x²
// The Jacobian's trace is −1 everywhere.
import { defineSystem } from '../define-system.js';

export const sprottC = defineSystem({
  name: 'sprott-c',
  title: 'Sprott case C',
  source: 'paper.md §5 (a 3); the reference code used forward Euler, we use RK4',
  defaults: { a: 3 },
  paramDocs: { a: 'strength of the x² feedback into z' },
  rhs: ['y * z', 'x - y', '1 - a * x * x'],
  jacobian: [
    ['0', 'z', 'y'],
    ['1', '-1', '0'],
    ['-2 * a * x', '0', '0'],
  ],
  constantTrace: '-1',
});
