// Adam as torch.optim.Adam computes it (no weight decay, no amsgrad), on float32 parameters.

export interface AdamOptions {
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

export interface Adam {
  /** Apply one update to every parameter from its gradient (same order as at creation). */
  step(grads: ArrayLike<number>[]): void;
  /** Updates applied so far. */
  readonly steps: number;
}

/** torch.optim.Adam defaults: β1 0.9, β2 0.999, eps 1e-8. */
export function createAdam(params: Float32Array[], opts: AdamOptions): Adam {
  const beta1 = opts.beta1 ?? 0.9;
  const beta2 = opts.beta2 ?? 0.999;
  const eps = opts.eps ?? 1e-8;
  const m = params.map((p) => new Float32Array(p.length));
  const v = params.map((p) => new Float32Array(p.length));
  let t = 0;
  return {
    get steps() {
      return t;
    },
    step(grads) {
      t++;
      const bc1 = 1 - beta1 ** t;
      const bc2 = 1 - beta2 ** t;
      // torch: p −= lr/bc1 · m / (√v / √bc2 + eps)
      const stepSize = opts.lr / bc1;
      const sqrtBc2 = Math.sqrt(bc2);
      params.forEach((p, k) => {
        adamUpdate(p, grads[k]!, m[k]!, v[k]!, stepSize, beta1, beta2, 1 / sqrtBc2, eps);
      });
    },
  };
}

// One monomorphic loop per parameter array: about twice as fast as a closure over all of them.
function adamUpdate(
  p: Float32Array,
  g: ArrayLike<number>,
  m: Float32Array,
  v: Float32Array,
  stepSize: number,
  beta1: number,
  beta2: number,
  invSqrtBc2: number,
  eps: number,
): void {
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    const mi = beta1 * m[i]! + c1 * gi;
    const vi = beta2 * v[i]! + c2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    p[i]! -= (stepSize * mi) / (Math.sqrt(vi) * invSqrtBc2 + eps);
  }
}
