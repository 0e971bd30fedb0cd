import { describe, expect, it } from "vitest";
import { canonicalSign, denseHessian, symmetricEigen } from "../../../lib/landscape/hessian";
import { createWorkspace, lossAndGrad } from "../../../lib/landscape/mlp";
import type { MlpSpec } from "../../../lib/landscape/types";
import { randomParams, randomProblem } from "./fixtures";

describe("symmetric eigen-decomposition (Jacobi)", () => {
  it("recovers A = V·diag(λ)·Vᵀ with orthonormal V, eigenvalues descending", () => {
    const n = 6;
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) A[i * n + j] = A[j * n + i] = Math.sin(i * 7 + j * 3) + (i === j ? i : 0);
    const { values, vectors } = symmetricEigen(A, n);
    for (let k = 1; k < n; k++) expect(values[k]!).toBeLessThanOrEqual(values[k - 1]!);
    for (let k = 0; k < n; k++) {
      const v = vectors[k]!;
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let j = 0; j < n; j++) av += A[i * n + j]! * v[j]!;
        expect(Math.abs(av - values[k]! * v[i]!)).toBeLessThan(1e-10);
      }
      for (let m = 0; m < n; m++) {
        let d = 0;
        for (let i = 0; i < n; i++) d += v[i]! * vectors[m]![i]!;
        expect(Math.abs(d - (m === k ? 1 : 0))).toBeLessThan(1e-12);
      }
    }
  });

  it("fixes each eigenvector's sign (largest entry positive)", () => {
    expect(Array.from(canonicalSign(Float64Array.of(0.1, -0.9)))).toEqual([-0.1, 0.9]);
  });
});

describe("dense Hessian", () => {
  it("is symmetric and its columns match differences of the gradient", () => {
    const spec: MlpSpec = { layers: [{ in: 3, out: 3, activation: "tanh" }, { in: 3, out: 2, activation: "linear" }], loss: "softmax_cross_entropy" };
    const data = randomProblem(spec, 25, 2);
    const p = randomParams(spec, 3);
    const H = denseHessian(spec, p, data);
    const P = p.length;
    for (let i = 0; i < P; i++) for (let j = 0; j < P; j++) expect(H[i * P + j]).toBe(H[j * P + i]);
    // directional check with an independent step: (∇L(θ+hv) − ∇L(θ−hv))/2h ≈ H·v
    const v = new Float64Array(P).map((_, i) => Math.cos(i));
    const ws = createWorkspace(spec, 25);
    const gp = new Float64Array(P);
    const gm = new Float64Array(P);
    const h = 1e-5;
    lossAndGrad(spec, p.map((t, i) => t + h * v[i]!), data.x, data.y, null, ws, gp);
    lossAndGrad(spec, p.map((t, i) => t - h * v[i]!), data.x, data.y, null, ws, gm);
    for (let r = 0; r < P; r++) {
      let hv = 0;
      for (let c = 0; c < P; c++) hv += H[r * P + c]! * v[c]!;
      expect(Math.abs(hv - (gp[r]! - gm[r]!) / (2 * h))).toBeLessThan(1e-6);
    }
  });
});
