// Mode of a Dynamical Alignment encoder from its phase-space volume rate Σλ (paper.md §4).

export type Mode = 'dissipative' | 'expansive' | 'critical';

/**
 * Half-width of the critical band |Σλ| ≤ ε, in 1/time. 0.05 is 2.5× the Σλ error the tests
 * allow (0.02), above the finite-window scatter of Nosé–Hoover's conservative Σλ = 0 (see
 * docs/encoding.md), and far below the smallest |Σλ| of the paper's δ sweep (0.6).
 */
export const MODE_EPSILON = 0.05;

/** dissipative when Σλ < −ε, expansive when Σλ > ε, critical in between. */
export function classifyMode(sigmaLambda: number, epsilon = MODE_EPSILON): Mode {
  if (sigmaLambda < -epsilon) return 'dissipative';
  if (sigmaLambda > epsilon) return 'expansive';
  return 'critical';
}
