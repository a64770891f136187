// A 3-D dynamical system that turns one feature value into a trajectory.

export type Params = Record<string, number>;

export interface DynamicalSystem {
  /** CLI name, e.g. 'mixed-oscillator'. */
  name: string;
  /** Parameter names as in the equations, with the paper's defaults. */
  defaults: Params;
  /** Write d(x,y,z)/dt at time t into `out`. */
  derivative(x: number, y: number, z: number, t: number, p: Params, out: Float64Array): void;
  /** Write the 3×3 Jacobian (row-major) at (x, y, z, t) into `out`. */
  jacobian(x: number, y: number, z: number, t: number, p: Params, out: Float64Array): void;
  /** Phase-space volume rate when it is constant (the Jacobian's trace), else undefined. */
  sigmaLambda?(p: Params): number | undefined;
}
