// Chua's circuit (dimensionless) with its piecewise-linear diode g(x):
//   g(x)  = m1·x + ½·(m0 − m1)·(|x + 1| − |x − 1|)
//   dx/dt = α·(y − x − g(x)),  dy/dt = x − y + z,  dz/dt = −β·y
// g'(x) is m0 inside |x| < 1 and m1 outside (at |x| = 1 we take the outer slope).
import { defineSystem } from '../define-system.js';

export const chua = defineSystem({
  name: 'chua',
  title: "Chua's circuit (double scroll)",
  source: 'paper.md §5 (α 15.6, β 28.58, m0 −1.143, m1 −0.714)',
  defaults: { alpha: 15.6, beta: 28.58, m0: -1.143, m1: -0.714 },
  paramDocs: {
    alpha: 'capacitor ratio C2/C1',
    beta: 'inductance parameter',
    m0: 'inner slope of the diode',
    m1: 'outer slope of the diode',
  },
  rhs: [
    'alpha * (y - x - (m1 * x + 0.5 * (m0 - m1) * (abs(x + 1) - abs(x - 1))))',
    'x - y + z',
    '-beta * y',
  ],
  jacobian: [
    ['-alpha * (1 + (abs(x) < 1 ? m0 : m1))', 'alpha', '0'],
    ['1', '-1', '1'],
    ['0', '-beta', '0'],
  ],
});
