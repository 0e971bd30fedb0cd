// Turning the map: the new slice passes through the walker's weights (the loss is continuous at the
// turn, to 1e-12), keeps the heading as its x axis (the slope along it is the old directional
// derivative), and its fresh axis is new (orthogonal to the old plane) and as long as the kept one.
import { describe, expect, it } from "vitest";
import {
  createSliceEvaluator,
  createWorkspace,
  filterNormalizedDirection,
  getRecipe,
  initParams,
  lossAndGrad,
  paramCount,
  Rng,
  slicePoint,
  turnedSlice,
  turnSlice,
  type Slice,
  type TurnSpec,
} from "../../../lib/landscape";
import { dot, norm } from "../../../lib/landscape/vec";
import { datasetFor } from "./fixtures";

const recipe = getRecipe("chaos"); // The Badlands: a deep narrow tanh net on the spiral
const dataset = datasetFor(recipe);
const spec = recipe.spec;
const center = initParams(spec, new Rng(3));
const base: Slice = { spec, center, d1: filterNormalizedDirection(spec, center, new Rng(4)), d2: filterNormalizedDirection(spec, center, new Rng(5)) };

/** The full-batch loss of explicit weights, by plain backprop (no slice arithmetic at all). */
function lossOfWeights(w: Float64Array): number {
  return lossAndGrad(spec, w, dataset.x, dataset.y, null, createWorkspace(spec, dataset.n), new Float64Array(paramCount(spec)));
}

describe("turning the map", () => {
  const turns: TurnSpec[] = [
    { at: [0.31, -0.22], heading: [0.6, -0.8], seed: 11 },
    { at: [0.17, 0.05], heading: [-1, 0.3], seed: 12 },
  ];

  for (const kernels of ["js", "wasm"] as const) {
    it(`keeps the loss continuous at the walker's point, turn after turn (${kernels} kernels)`, () => {
      let slice = base;
      for (let k = 0; k < turns.length; k++) {
        const t = turns[k]!;
        const before = createSliceEvaluator(slice, dataset, { kernels }).lossAt(t.at[0], t.at[1]);
        const weights = slicePoint(slice.center, slice.d1, slice.d2, t.at[0], t.at[1]);
        slice = turnedSlice(base, turns.slice(0, k + 1));
        const after = createSliceEvaluator(slice, dataset, { kernels }).lossAt(0, 0);
        expect(Math.abs(after - before)).toBeLessThan(1e-12);
        // Same weights: the new origin is exactly the old point, and its loss is the network's own.
        expect(Array.from(slice.center)).toEqual(Array.from(weights));
        expect(Math.abs(after - lossOfWeights(weights))).toBeLessThan(1e-12);
      }
    });
  }

  it("keeps the heading as the new x axis: the slope along it is the old slope's component along the heading", () => {
    const t = turns[0]!;
    const old = createSliceEvaluator(base, dataset, { kernels: "js" }).felt(t.at[0], t.at[1]);
    const turned = createSliceEvaluator(turnedSlice(base, [t]), dataset, { kernels: "js" }).felt(0, 0);
    const [hx, hy] = t.heading;
    const along = (hx * old.grad[0] + hy * old.grad[1]) / Math.hypot(hx, hy);
    expect(Math.abs(turned.grad[0] - along)).toBeLessThan(1e-9 * Math.max(1, Math.abs(along)));
    // The fresh axis finds a slope the old plane could not feel: not the old cross-heading component.
    const across = (-hy * old.grad[0] + hx * old.grad[1]) / Math.hypot(hx, hy);
    expect(Math.abs(turned.grad[1] - across)).toBeGreaterThan(1e-6);
  });

  it("draws a fresh axis orthogonal to the old plane, as long as the kept one, deterministic in the seed", () => {
    const t = turns[0]!;
    const s = turnSlice(spec, base, t);
    const n1 = norm(s.d1), n2 = norm(s.d2);
    expect(Math.abs(n2 - n1)).toBeLessThan(1e-12 * n1);
    for (const v of [s.d1, base.d1, base.d2]) expect(Math.abs(dot(s.d2, v)) / (n2 * norm(v))).toBeLessThan(1e-12);
    expect(Array.from(turnSlice(spec, base, t).d2)).toEqual(Array.from(s.d2));
    expect(Array.from(turnSlice(spec, base, { ...t, seed: 99 }).d2)).not.toEqual(Array.from(s.d2));
  });

  it("refuses a zero heading with a sentence", () => {
    expect(() => turnSlice(spec, base, { at: [0, 0], heading: [0, 0], seed: 1 })).toThrow(/non-zero heading/);
  });
});
