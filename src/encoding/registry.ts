// Every dynamical system dynalign can encode with, by CLI name.
import type { DynamicalSystem } from './system.js';
import { mixedOscillator } from './systems/mixed-oscillator.js';

export const SYSTEMS: Record<string, DynamicalSystem> = {
  [mixedOscillator.name]: mixedOscillator,
};

/** The system of a CLI name, or undefined. */
export function findSystem(name: string): DynamicalSystem | undefined {
  return SYSTEMS[name];
}
