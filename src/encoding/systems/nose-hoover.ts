// Nosé–Hoover oscillator: a harmonic oscillator (x, y) under a thermostat variable z.
//   dx/dt = y,  dy/dt = −x − y·z,  dz/dt = y² − α
// Trace −z: phase volume is conserved on average, so Σλ ≈ 0 on a bounded orbit.
import { defineSystem } from '../define-system.js';

export const noseHoover = defineSystem({
  name: 'nose-hoover',
  title: 'Nosé–Hoover oscillator',
  source: 'paper.md §5 (α 1), in the sign convention of the reference code',
  defaults: { alpha: 1 },
  paramDocs: { alpha: 'target temperature of the thermostat' },
  rhs: ['y', '-x - y * z', 'y * y - alpha'],
  jacobian: [
    ['0', '1', '0'],
    ['-1', '-z', '-y'],
    ['0', '2 * y', '0'],
  ],
});
