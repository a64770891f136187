// Chen (1999): a Lorenz-like double scroll.
//   dx/dt = a·(y − x),  dy/dt = (c − a)·x − x·z + c·y,  dz/dt = x·y − b·z
// The Jacobian's trace is c − a − b everywhere: +34.3 with the code's (60, 2.667, 97).
import { defineSystem } from '../define-system.js';

export const chen = defineSystem({
  name: 'chen',
  title: 'Chen',
  source: 'paper.md §5 (a 60, b 2.667, c 97 as in the reference code, which used forward Euler)',
  defaults: { a: 60, b: 2.667, c: 97 },
  paramDocs: { a: 'x–y coupling', b: 'z decay', c: 'y growth' },
  rhs: ['a * (y - x)', '(c - a) * x - x * z + c * y', 'x * y - b * z'],
  jacobian: [
    ['-a', 'a', '0'],
    ['c - a - z', 'c', '-x'],
    ['y', 'x', '-b'],
  ],
  constantTrace: 'c - a - b',
  note:
    'the code parameters expand phase space (Σλ = +34.3) and run away within tmax 8; ' +
    'the classic attractor is a 35, b 3, c 28',
});
