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

/**
 * How a system is written down: each right-hand side, Jacobian entry and the drive term is a
 * JavaScript expression over x, y, z, the drive u (a function of t only) and the parameters.
 * The same text is compiled into the derivative, the Jacobian and the fast encoding kernel,
 * and printed by `dynalign encode --list`, so the equations exist in exactly one place.
 */
export interface SystemDefinition {
  name: string;
  /** Human name and where the equations and defaults come from. */
  title: string;
  source: string;
  defaults: Params;
  /** Short meaning of each parameter, by name. */
  paramDocs: Record<string, string>;
  /** dx/dt, dy/dt, dz/dt. */
  rhs: readonly [string, string, string];
  /** Rows ∂(dx,dy,dz)/∂(x,y,z), derived by hand from `rhs`. */
  jacobian: readonly [
    readonly [string, string, string],
    readonly [string, string, string],
    readonly [string, string, string],
  ];
  /** Time-dependent drive u(t) over t and parameters; the only way t enters the equations. */
  drive?: string;
  /** The Jacobian's trace when it is the same at every point (Σλ exactly), over parameters. */
  constantTrace?: string;
  /** A sentence on behaviour users should know (e.g. parameters that blow up). */
  note?: string;
}

/** A registered system: the shared interface plus its definition and compiled helpers. */
export interface RegisteredSystem extends DynamicalSystem {
  definition: SystemDefinition;
  /** The drive u(t) (0 when the system has none). */
  drive(t: number, p: Params): number;
  /** Trace of the Jacobian at a point (for the Σλ cross-check). */
  trace(x: number, y: number, z: number, t: number, p: Params): number;
}
