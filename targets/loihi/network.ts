// An integer Loihi network as Lava builds it from processes: LIF populations joined by Dense
// connections (feed-forward or recurrent), fed by one input port. The golden-vector files, the
// quantiser and the netx reader all produce this form, and the simulator runs it.
import type { LifParams } from './profile.js';
import { type DenseRun, type SignMode, determineSignMode, effectiveWeights } from './dense.js';

/** A LIF population; `reset` makes it a LIFReset (u, v zeroed when t % interval == offset). */
export interface LoihiLayer extends LifParams {
  name: string;
  reset?: { interval: number; offset: number };
}

/** A Dense from the input port or a population into a population. */
export interface LoihiConnection {
  name: string;
  /** 'input' or a layer name. */
  pre: string;
  post: string;
  /** As handed to Lava's Dense, row-major [post][pre]. */
  weights: Int32Array;
  weightExp: number;
  numWeightBits: number;
  /** Given to the Dense; undefined lets Lava infer it from the weights (§1.4 step 1). */
  signMode?: SignMode;
  /** num_message_bits > 0: the input payload multiplies the weight (§1.4). */
  graded: boolean;
}

export interface LoihiNetwork {
  nInputs: number;
  layers: LoihiLayer[];
  connections: LoihiConnection[];
}

/** The name a connection's source is known by when it is the network's input port. */
export const INPUT = 'input';

/** A connection resolved against its network: indices and the Dense ready to run. */
export interface ResolvedConnection {
  conn: LoihiConnection;
  /** Index of the source layer, −1 for the input port. */
  pre: number;
  post: number;
  dense: DenseRun;
  signMode: SignMode;
}

/** Check every connection's endpoints and shape, and compute its effective weights. */
export function resolveConnections(net: LoihiNetwork): ResolvedConnection[] {
  const index = new Map(net.layers.map((l, i) => [l.name, i]));
  return net.connections.map((conn) => {
    const pre = conn.pre === INPUT ? -1 : index.get(conn.pre);
    const post = index.get(conn.post);
    if (pre === undefined || post === undefined) {
      throw new TypeError(`connection '${conn.name}' joins unknown '${conn.pre}' → '${conn.post}'`);
    }
    const nPre = pre < 0 ? net.nInputs : net.layers[pre]!.n;
    const nPost = net.layers[post]!.n;
    if (conn.weights.length !== nPre * nPost) {
      throw new TypeError(
        `connection '${conn.name}' has ${conn.weights.length} weights for ${nPost}×${nPre}`,
      );
    }
    const signMode = conn.signMode ?? determineSignMode(conn.weights);
    const weights = effectiveWeights(conn.weights, signMode, conn.numWeightBits);
    const dense = { nPre, nPost, weights, weightExp: conn.weightExp, graded: conn.graded };
    return { conn, pre, post, dense, signMode };
  });
}
