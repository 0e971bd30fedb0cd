// The row-by-row quadratic grid of two-layer relu/linear networks (the JS kernel) must give the JS
// forward pass's numbers at every grid point, including where hidden units switch on and off along
// a row and where the exp recurrence has to re-anchor early.
import { describe, expect, it } from "vitest";
import { createSliceEvaluator } from "../../../lib/landscape/slice";
import { createRowKernel } from "../../../lib/landscape/grid-kernel";
import { gridCoordinate } from "../../../lib/landscape/grid";
import type { Activation, LossKind, MlpSpec } from "../../../lib/landscape/types";
import { randomParams, randomProblem, worstError } from "./fixtures";

function twoLayer(d: number, h: number, out: number, act: Activation, loss: LossKind, outAct: Activation = "linear"): MlpSpec {
  return { layers: [{ in: d, out: h, activation: act }, { in: h, out, activation: outAct }], loss };
}

const extent = { x: [-2, 1.5] as [number, number], y: [-1, 2] as [number, number] };

describe("row kernel of the reveal grid", () => {
  for (const [act, loss] of [["relu", "softmax_cross_entropy"], ["relu", "mse"], ["linear", "softmax_cross_entropy"], ["linear", "mse"]] as const) {
    it(`equals the forward pass at every point (${act}, ${loss})`, () => {
      const spec = twoLayer(5, 12, 4, act, loss);
      const ds = randomProblem(spec, 70, 3);
      const center = randomParams(spec, 1), d1 = randomParams(spec, 2), d2 = randomParams(spec, 4);
      const ev = createSliceEvaluator({ spec, center, d1, d2 }, ds, { kernels: "js" });
      const size = 33;
      const grid = new Float32Array(size * size);
      ev.gridRows(size, extent, 0, size, grid);
      const direct = new Float32Array(size * size);
      for (let j = 0; j < size; j++) for (let i = 0; i < size; i++) {
        direct[j * size + i] = ev.lossAt(gridCoordinate(extent.x[0], extent.x[1], size, i), gridCoordinate(extent.y[0], extent.y[1], size, j));
      }
      expect(worstError(grid, direct, 1e-6, 1e-6)).toBeLessThanOrEqual(1);
    });
  }

  for (const [C, loss] of [[2, "softmax_cross_entropy"], [3, "softmax_cross_entropy"], [2, "mse"]] as const) {
    it(`equals the forward pass for a single linear layer (${C} outputs, ${loss})`, () => {
      const spec: MlpSpec = { layers: [{ in: 6, out: C, activation: "linear" }], loss };
      const ds = randomProblem(spec, 50, 8);
      const center = randomParams(spec, 11), d1 = randomParams(spec, 12), d2 = randomParams(spec, 13);
      const kernel = createRowKernel(spec, center, d1, d2, ds)!;
      const ev = createSliceEvaluator({ spec, center, d1, d2 }, ds, { kernels: "js" });
      const xs = Array.from({ length: 50 }, (_, i) => -4 + (8 * i) / 49);
      const row = new Float64Array(xs.length);
      kernel(-0.7, xs, row);
      expect(worstError(row, xs.map((x) => ev.lossAt(x, -0.7)), 1e-12, 1e-10)).toBeLessThanOrEqual(1);
    });
  }

  it("crosses relu switches inside a row (the case the sweep exists for)", () => {
    const spec = twoLayer(3, 16, 3, "relu", "softmax_cross_entropy");
    const ds = randomProblem(spec, 40, 9);
    const center = randomParams(spec, 5), d1 = randomParams(spec, 6), d2 = randomParams(spec, 7);
    const kernel = createRowKernel(spec, center, d1, d2, ds)!;
    const ev = createSliceEvaluator({ spec, center, d1, d2 }, ds, { kernels: "js" });
    const xs = Array.from({ length: 200 }, (_, i) => -3 + (6 * i) / 199);
    const row = new Float64Array(xs.length);
    kernel(0.25, xs, row);
    const direct = xs.map((x) => ev.lossAt(x, 0.25));
    expect(worstError(row, direct, 1e-12, 1e-10)).toBeLessThanOrEqual(1);
  });

  it("stays exact on a steep slice, where the exp recurrence must re-anchor early", () => {
    const spec = twoLayer(4, 16, 6, "relu", "softmax_cross_entropy");
    const ds = randomProblem(spec, 40, 7);
    const scale = (v: Float64Array, k: number) => v.map((e) => k * e);
    const center = scale(randomParams(spec, 4), 20), d1 = scale(randomParams(spec, 5), 40), d2 = scale(randomParams(spec, 6), 20);
    const kernel = createRowKernel(spec, center, d1, d2, ds)!;
    const ev = createSliceEvaluator({ spec, center, d1, d2 }, ds, { kernels: "js" });
    const xs = Array.from({ length: 301 }, (_, i) => -3 + (6 * i) / 300);
    const row = new Float64Array(xs.length);
    for (let r = 0; r <= 20; r++) {
      const y = -2 + r / 5;
      kernel(y, xs, row);
      expect(worstError(row, xs.map((x) => ev.lossAt(x, y)), 0, 1e-10)).toBeLessThanOrEqual(1);
    }
  });

  it("declines networks it does not cover (deeper, tanh, non-linear output)", () => {
    const single: MlpSpec = { layers: [{ in: 3, out: 2, activation: "sigmoid" }], loss: "mse" };
    expect(createRowKernel(single, randomParams(single, 1), randomParams(single, 1), randomParams(single, 1), randomProblem(single, 5, 1))).toBeNull();
    const ds = randomProblem(twoLayer(3, 4, 2, "relu", "mse"), 10, 1);
    for (const spec of [twoLayer(3, 4, 2, "tanh", "mse"), twoLayer(3, 4, 2, "relu", "mse", "sigmoid"),
      { layers: [{ in: 3, out: 4, activation: "relu" as const }, { in: 4, out: 4, activation: "relu" as const }, { in: 4, out: 2, activation: "linear" as const }], loss: "mse" as const }]) {
      const p = randomParams(spec, 1);
      expect(createRowKernel(spec, p, p, p, ds)).toBeNull();
    }
  });
});
