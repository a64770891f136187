// Dense matrix products on the TensorFlow.js backend; everything else in training is plain JS.
import type { Tf } from './backend.js';

/** C[m][n] = A[m][k] · B[k][n], row-major float32; returns a fresh array. */
export type MatMul = (
  a: Float32Array,
  m: number,
  k: number,
  b: Float32Array,
  n: number,
) => Float32Array;

/**
 * Matrix product through tfjs. Only untransposed operands are used: on the wasm backend a
 * transposed operand measured 5–12× slower than a product of explicitly transposed copies.
 */
export function makeMatMul(tf: Tf): MatMul {
  return (a, m, k, b, n) => {
    const ta = tf.tensor2d(a, [m, k]);
    const tb = tf.tensor2d(b, [k, n]);
    const tc = tf.matMul(ta, tb);
    const out = tc.dataSync() as Float32Array;
    ta.dispose();
    tb.dispose();
    tc.dispose();
    return out;
  };
}

/** Reference product in plain JS (float64 accumulation), for tests and tiny layers. */
export function jsMatMul(
  a: Float32Array,
  m: number,
  k: number,
  b: Float32Array,
  n: number,
): Float32Array {
  const out = new Float32Array(m * n);
  const acc = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    acc.fill(0);
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p]!;
      if (av === 0) continue;
      const off = p * n;
      for (let j = 0; j < n; j++) acc[j]! += av * b[off + j]!;
    }
    out.set(acc, i * n);
  }
  return out;
}

/** Row-major transpose of a [rows][cols] matrix into [cols][rows], in cache-sized blocks. */
export function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  const BLOCK = 32;
  for (let r0 = 0; r0 < rows; r0 += BLOCK) {
    const r1 = Math.min(r0 + BLOCK, rows);
    for (let c0 = 0; c0 < cols; c0 += BLOCK) {
      const c1 = Math.min(c0 + BLOCK, cols);
      for (let r = r0; r < r1; r++) {
        for (let c = c0; c < c1; c++) out[c * rows + r] = a[r * cols + c]!;
      }
    }
  }
  return out;
}
