import { describe, expect, it } from "vitest";
import { createWorkspace, forward, initParams, layerOffsets, lossAndGrad, paramCount } from "../../../lib/landscape/mlp";
import { createRng } from "../../../lib/landscape/prng";
import { LandscapeError, type Activation, type LossKind, type MlpSpec } from "../../../lib/landscape/types";
import { mlpSpec, randomParams, randomProblem, worstError } from "./fixtures";

const ACTS: Activation[] = ["relu", "tanh", "sigmoid", "linear"];
const LOSSES: LossKind[] = ["softmax_cross_entropy", "mse"];

/** Central differences of the mean loss, parameter by parameter. */
function numericGrad(spec: MlpSpec, p: Float64Array, x: Float64Array, y: Float64Array, idx: Int32Array | null): Float64Array {
  const ws = createWorkspace(spec, 64);
  const scratch = new Float64Array(p.length);
  const q = Float64Array.from(p);
  const g = new Float64Array(p.length);
  const h = 1e-5;
  for (let i = 0; i < p.length; i++) {
    q[i] = p[i]! + h;
    const up = lossAndGrad(spec, q, x, y, idx, ws, scratch);
    q[i] = p[i]! - h;
    const down = lossAndGrad(spec, q, x, y, idx, ws, scratch);
    q[i] = p[i]!;
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

describe("mlp layout", () => {
  it("lays out W [in, out] row-major then b, layer by layer", () => {
    const spec: MlpSpec = { layers: [{ in: 3, out: 2, activation: "relu" }, { in: 2, out: 4, activation: "linear" }], loss: "mse" };
    expect(paramCount(spec)).toBe(3 * 2 + 2 + 2 * 4 + 4);
    expect(layerOffsets(spec)).toEqual([{ w: 0, b: 6 }, { w: 8, b: 16 }]);
  });

  it("computes a hand-checked forward pass", () => {
    // 2 → 2 relu → 1 linear; W1 = [[1, -1], [2, 0.5]], b1 = [0.5, 0], W2 = [[3], [-2]], b2 = [1]
    const spec: MlpSpec = { layers: [{ in: 2, out: 2, activation: "relu" }, { in: 2, out: 1, activation: "linear" }], loss: "mse" };
    const p = Float64Array.of(1, -1, 2, 0.5, 0.5, 0, 3, -2, 1);
    const x = Float64Array.of(1, 1, -1, 2); // two samples
    const out = forward(spec, p, x, null, createWorkspace(spec, 2));
    // sample 1: z1 = [1+2+0.5, -1+0.5] = [3.5, -0.5] → a1 = [3.5, 0] → 10.5 + 1 = 11.5
    // sample 2: z1 = [-1+4+0.5, 1+1] = [3.5, 2] → 10.5 − 4 + 1 = 7.5
    expect(Array.from(out.subarray(0, 2))).toEqual([11.5, 7.5]);
    // mse against targets [11, 8]: ((0.5)² + (−0.5)²)/2 = 0.25
    expect(lossAndGrad(spec, p, x, Float64Array.of(11, 8), null, createWorkspace(spec, 2), new Float64Array(9))).toBeCloseTo(0.25, 14);
  });

  it("initialises He for relu and Glorot otherwise, biases zero", () => {
    const spec: MlpSpec = { layers: [{ in: 400, out: 300, activation: "relu" }, { in: 300, out: 200, activation: "tanh" }], loss: "mse" };
    const p = initParams(spec, createRng(3));
    const [l1, l2] = layerOffsets(spec);
    const std = (from: number, n: number) => Math.sqrt(p.subarray(from, from + n).reduce((s, v) => s + v * v, 0) / n);
    expect(std(l1!.w, 400 * 300) / Math.sqrt(2 / 400)).toBeCloseTo(1, 1);
    expect(std(l2!.w, 300 * 200) / Math.sqrt(2 / 500)).toBeCloseTo(1, 1);
    expect(p.subarray(l1!.b, l1!.b + 300).every((v) => v === 0)).toBe(true);
  });

  it("rejects a batch larger than the workspace and a broken chain of layers", () => {
    const spec = mlpSpec(3, 4, 2, "relu", "mse");
    const data = randomProblem(spec, 10, 1);
    expect(() => lossAndGrad(spec, randomParams(spec, 1), data.x, data.y, null, createWorkspace(spec, 5), new Float64Array(paramCount(spec)))).toThrow(LandscapeError);
    const broken: MlpSpec = { layers: [{ in: 3, out: 4, activation: "relu" }, { in: 5, out: 1, activation: "linear" }], loss: "mse" };
    expect(() => createWorkspace(broken, 4)).toThrow(/takes 5 inputs/);
  });
});

describe("backprop vs central finite differences", () => {
  for (const loss of LOSSES) {
    for (const act of ACTS) {
      it(`${act} hidden layers, ${loss}`, () => {
        const outAct: Activation = loss === "mse" ? act : "linear"; // mse also exercises the output derivative
        const spec = mlpSpec(3, 4, 3, act, loss, outAct);
        const data = randomProblem(spec, 9, 17);
        const p = randomParams(spec, 23);
        for (const idx of [null, Int32Array.of(4, 0, 7)]) {
          const g = new Float64Array(p.length);
          lossAndGrad(spec, p, data.x, data.y, idx, createWorkspace(spec, 9), g);
          // central differences: truncation O(h²) ≈ 1e-10, cancellation ≈ 1e-16/h ≈ 1e-11
          expect(worstError(g, numericGrad(spec, p, data.x, data.y, idx), 1e-8, 1e-6)).toBeLessThan(1);
        }
      });
    }
  }
});
