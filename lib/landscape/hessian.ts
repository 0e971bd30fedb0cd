// Curvature of the loss for small networks: the dense Hessian by central differences of the
// exact (backprop) gradient, and its eigen-directions by the cyclic Jacobi method. Meant for
// networks of at most a few hundred parameters (the ravine's softmax regression has 62).
import { createWorkspace, lossAndGrad } from "./mlp";
import { LandscapeError, type Dataset, type MlpSpec } from "./types";

/**
 * The Hessian of the full-batch mean loss at params, (P, P) row-major, column i being
 * (∇L(θ + εeᵢ) − ∇L(θ − εeᵢ)) / 2ε, then symmetrised ((H + Hᵀ)/2) to cancel the differencing
 * noise. ε = 1e-4 balances truncation (O(ε²)) against cancellation (O(1e-16/ε)).
 */
export function denseHessian(spec: MlpSpec, params: Float64Array, dataset: Dataset, eps = 1e-4): Float64Array {
  const P = params.length;
  if (P > 2000) throw new LandscapeError("bad_argument", `A dense Hessian of ${P} parameters is too big; use a smaller network.`);
  const ws = createWorkspace(spec, dataset.n);
  const gp = new Float64Array(P);
  const gm = new Float64Array(P);
  const theta = Float64Array.from(params);
  const H = new Float64Array(P * P);
  for (let i = 0; i < P; i++) {
    const t = params[i]!;
    theta[i] = t + eps;
    lossAndGrad(spec, theta, dataset.x, dataset.y, null, ws, gp);
    theta[i] = t - eps;
    lossAndGrad(spec, theta, dataset.x, dataset.y, null, ws, gm);
    theta[i] = t;
    for (let r = 0; r < P; r++) H[r * P + i] = (gp[r]! - gm[r]!) / (2 * eps);
  }
  for (let r = 0; r < P; r++) {
    for (let c = r + 1; c < P; c++) {
      const m = 0.5 * (H[r * P + c]! + H[c * P + r]!);
      H[r * P + c] = m;
      H[c * P + r] = m;
    }
  }
  return H;
}

/** Eigenvalues (descending) and unit eigenvectors (vectors[k] belongs to values[k]) of a symmetric matrix. */
export interface Eigen {
  values: number[];
  vectors: Float64Array[];
}

/**
 * Eigen-decomposition of the symmetric (n, n) matrix A by cyclic Jacobi rotations (Golub & Van
 * Loan §8.5): slow for big n but simple, accurate for small symmetric matrices and deterministic.
 */
export function symmetricEigen(A: Float64Array, n: number): Eigen {
  const a = Float64Array.from(A);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale += a[i]! * a[i]!;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off <= 1e-30 * scale || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          // A ← A·J: columns p and q
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          // A ← Jᵀ·A: rows p and q
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j]! - a[i * n + i]! || i - j);
  return {
    values: order.map((i) => a[i * n + i]!),
    vectors: order.map((i) => {
      const col = new Float64Array(n);
      for (let k = 0; k < n; k++) col[k] = v[k * n + i]!;
      return canonicalSign(col);
    }),
  };
}

/** Flips v so that its largest-magnitude entry is positive: eigenvectors are defined up to sign, recipes must not be. */
export function canonicalSign(v: Float64Array): Float64Array {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]!) > Math.abs(v[best]!)) best = i;
  if (v[best]! < 0) for (let i = 0; i < v.length; i++) v[i] = -v[i]!;
  return v;
}
