// The table of NIR primitives: reading, writing, inference and simulation all dispatch here.
// A new primitive is one file in this folder plus one line below.
import type { NodeType } from '../model.js';
import { affine } from './affine.js';
import { avgPool2d } from './avg-pool2d.js';
import { conv1d } from './conv1d.js';
import { conv2d } from './conv2d.js';
import { cubaLeakyIntegrator } from './cuba-li.js';
import { cubaLeakyIntegrateFire } from './cuba-lif.js';
import { delay } from './delay.js';
import { flatten } from './flatten.js';
import { integrator } from './i.js';
import { integrateFire } from './if.js';
import { input } from './input.js';
import { leakyIntegrator } from './li.js';
import { leakyIntegrateFire } from './lif.js';
import { linear } from './linear.js';
import { nirGraph } from './nir-graph.js';
import { output } from './output.js';
import { scale } from './scale.js';
import { sumPool2d } from './sum-pool2d.js';
import { threshold } from './threshold.js';
import type { Primitive } from './types.js';

/** Every NIR node type and its primitive. */
export const PRIMITIVES: Readonly<Record<NodeType, Primitive>> = {
  Input: input,
  Output: output,
  NIRGraph: nirGraph,
  Affine: affine,
  Linear: linear,
  Scale: scale,
  Conv1d: conv1d,
  Conv2d: conv2d,
  SumPool2d: sumPool2d,
  AvgPool2d: avgPool2d,
  Flatten: flatten,
  Delay: delay,
  Threshold: threshold,
  I: integrator,
  IF: integrateFire,
  LI: leakyIntegrator,
  LIF: leakyIntegrateFire,
  CubaLI: cubaLeakyIntegrator,
  CubaLIF: cubaLeakyIntegrateFire,
};

/** Every NIR type name, in the order NIR's docs list them. */
export const NODE_TYPES = Object.keys(PRIMITIVES) as NodeType[];

/** True for the 19 NIR class names (exact case). */
export function isNodeType(name: string): name is NodeType {
  return Object.prototype.hasOwnProperty.call(PRIMITIVES, name);
}

/** The primitive of a NIR type name. */
export function primitiveOf(type: NodeType): Primitive {
  return PRIMITIVES[type];
}
