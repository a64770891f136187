// The two Dynamical Alignment modes the demo deploys, and the networks shipped for them.
import { fileURLToPath } from 'node:url';

export interface DemoMode {
  /** Mode name; also the output sub-folder. */
  mode: string;
  /** Damping of the mixed oscillator; Σλ = −2δ (paper.md §4). */
  delta: number;
  /** Shipped network, reproducible with `dynalign train` (models/README.md). */
  modelPath: string;
}

const MODELS = fileURLToPath(new URL('../../models/', import.meta.url));

export const DEMO_MODES: readonly DemoMode[] = [
  { mode: 'dissipative', delta: 2, modelPath: `${MODELS}dissipative.nirpb` },
  { mode: 'expansive', delta: -1.5, modelPath: `${MODELS}expansive.nirpb` },
];
