import { describe, expect, it } from "vitest";
import { assembleGrid, computeGrid, gridCoordinate, insideExtent } from "../../../lib/landscape/grid";
import type { SliceEvaluator } from "../../../lib/landscape/slice";

/** A fake evaluator over the analytic bowl (x − 0.5)² + (y + 0.4)². */
const bowl: SliceEvaluator = {
  n: 1,
  kernels: "js",
  felt: () => ({ loss: 0, grad: [0, 0] }),
  feltInto: () => {},
  predictInto: () => {},
  lossAt: (x, y) => (x - 0.5) ** 2 + (y + 0.4) ** 2,
  gridRows(size, extent, row0, row1, out) {
    for (let j = row0; j < row1; j++) {
      for (let i = 0; i < size; i++) out[(j - row0) * size + i] = this.lossAt(gridCoordinate(extent.x[0], extent.x[1], size, i), gridCoordinate(extent.y[0], extent.y[1], size, j));
    }
  },
};

describe("grid", () => {
  it("finds the lowest point and the highest finite value", () => {
    const g = computeGrid(bowl, 5, { x: [-1.5, 0.5], y: [-1, 1] });
    // lattice x ∈ {−1.5, −1, −0.5, 0, 0.5}, y ∈ {−1, −0.5, 0, 0.5, 1}
    expect([g.min.x, g.min.y]).toEqual([0.5, -0.5]);
    expect(g.min.loss).toBeCloseTo(0.01, 7); // stored as float32
    expect(g.max).toBeCloseTo(4 + 1.96, 6);
    expect(g.values.length).toBe(25);
  });

  it("ignores Infinity when looking for the minimum and maximum", () => {
    const g = assembleGrid(Float32Array.of(Infinity, 3, 2, Infinity), 2, { x: [0, 1], y: [0, 1] });
    expect(g.min).toEqual({ x: 0, y: 1, loss: 2 });
    expect(g.max).toBe(3);
  });

  it("counts the extent's edges as inside, and NaN as outside", () => {
    const e = { x: [-1, 1] as [number, number], y: [0, 2] as [number, number] };
    expect(insideExtent(e, -1, 2)).toBe(true);
    expect(insideExtent(e, 1, 0)).toBe(true);
    expect(insideExtent(e, 1.0001, 1)).toBe(false);
    expect(insideExtent(e, 0, -1e-9)).toBe(false);
    expect(insideExtent(e, Number.NaN, 1)).toBe(false);
  });
});
