// What the network at a spot gets right (the accuracy that rides on every felt value), against an
// independent recomputation: θ(x, y) formed in full and every sample pushed through a plain float64
// forward pass (reference-forward.ts), its argmax compared with its label. On every catalog
// landscape, built by real training, in both kernels, full batch and minibatch, on the map and off it.
import { beforeAll, describe, expect, it } from "vitest";
import { CATALOG } from "../../../lib/landscape/catalog";
import { Rng, sampleWithoutReplacement } from "../../../lib/landscape/prng";
import { createSliceEvaluator, type SliceEvaluator } from "../../../lib/landscape/slice";
import { predictedClass } from "../../../lib/landscape/slice-kernel";
import type { Dataset, Extent, Slice } from "../../../lib/landscape/types";
import { build } from "./fixtures";
import { referenceNetwork } from "./reference-forward";

/** Reference count of samples classified right, and how many are near-ties (top two outputs within 1e-9). */
function referenceCount(slice: Slice, ds: Dataset, x: number, y: number, idx: ArrayLike<number> | null): { correct: number; ties: number } {
  const net = referenceNetwork(slice, x, y);
  const count = idx ? idx.length : ds.n;
  let correct = 0, ties = 0;
  for (let t = 0; t < count; t++) {
    const s = idx ? idx[t]! : t;
    const r = net(Array.from(ds.x.subarray(s * ds.d, (s + 1) * ds.d)));
    if (r.margin <= 1e-9 * Math.max(1, Math.abs(r.outputs[r.cls]!))) ties++;
    else if (r.cls === ds.y[s]) correct++;
  }
  return { correct, ties };
}

/** The map's centre, two points inside, one at a corner, and two far off the map (θ is still finite there). */
function spots(e: Extent): [number, number][] {
  const w = e.x[1] - e.x[0], h = e.y[1] - e.y[0];
  return [[0, 0], [e.x[0] + 0.3 * w, e.y[0] + 0.7 * h], [e.x[0] + 0.8 * w, e.y[0] + 0.2 * h], [e.x[1], e.y[0]], [e.x[0] - 2 * w, e.y[1] + w], [5 * e.x[1], -4 * e.y[1]]];
}

describe("accuracy against an independent forward pass, on every catalog landscape", () => {
  const built = new Map<string, { slice: Slice; dataset: Dataset; wasm: SliceEvaluator; js: SliceEvaluator }>();
  beforeAll(() => {
    for (const r of CATALOG) {
      const { slice, dataset } = build(r);
      built.set(r.id, { slice, dataset, wasm: createSliceEvaluator(slice, dataset), js: createSliceEvaluator(slice, dataset, { kernels: "js" }) });
    }
  }, 120_000);

  describe.each(CATALOG.map((r) => [r.id, r] as const))("%s", (id, recipe) => {
    it("full batch: the count of the felt equals the reference, in both kernels, on the map and off it", () => {
      const { slice, dataset, wasm, js } = built.get(id)!;
      for (const [x, y] of spots(recipe.extent)) {
        const ref = referenceCount(slice, dataset, x, y, null);
        const a = wasm.felt(x, y).accuracy!, b = js.felt(x, y).accuracy!;
        expect(a.of).toBe(dataset.n);
        expect(b).toEqual(a); // the same comparisons in both kernels
        expect(Math.abs(a.correct - ref.correct), `at (${x}, ${y}): ${a.correct} vs ${ref.correct} with ${ref.ties} near-ties`).toBeLessThanOrEqual(ref.ties);
      }
    });

    it("minibatch: the count is over the batch's own samples", () => {
      const { slice, dataset, wasm, js } = built.get(id)!;
      for (const [batch, seed] of [[1, 3], [17, 5], [Math.min(64, dataset.n), 9]] as const) {
        const [x, y] = spots(recipe.extent)[1]!;
        const idx = sampleWithoutReplacement(dataset.n, batch, new Rng(seed));
        const ref = referenceCount(slice, dataset, x, y, idx);
        const a = wasm.felt(x, y, { batch, seed }).accuracy!;
        expect(a.of).toBe(batch);
        expect(js.felt(x, y, { batch, seed }).accuracy).toEqual(a);
        expect(Math.abs(a.correct - ref.correct)).toBeLessThanOrEqual(ref.ties);
      }
    });

    it("feltInto puts the count in a fourth entry, and leaves a three-entry buffer as it was", () => {
      const { wasm } = built.get(id)!;
      const four = new Float64Array(4), three = new Float64Array(3);
      wasm.feltInto(0.1, -0.2, four);
      wasm.feltInto(0.1, -0.2, three);
      expect(Array.from(three)).toEqual(Array.from(four.subarray(0, 3)));
      expect(four[3]).toBe(wasm.felt(0.1, -0.2).accuracy!.correct);
    });
  });
});

describe("predictedClass", () => {
  it("is the first largest output; a NaN never wins; all NaN is class 0", () => {
    expect(predictedClass([0.1, 0.7, 0.7], 3)).toBe(1);
    expect(predictedClass([Number.NaN, -5, -1], 3)).toBe(2);
    expect(predictedClass([Number.NaN, Number.NaN], 2)).toBe(0);
    expect(predictedClass([-Infinity, -Infinity], 2)).toBe(0);
    expect(predictedClass([1, Infinity], 2)).toBe(1);
  });
});

describe("a hand calculation", () => {
  // One linear layer on two inputs: logits (0, u₁ − 2x·u₁) at slice point (x, y), so the class is 1
  // exactly where (1 − 2x)·u₁ > 0 (a tie, u₁ = 0, goes to class 0).
  const slice: Slice = {
    spec: { layers: [{ in: 2, out: 2, activation: "linear" }], loss: "softmax_cross_entropy" },
    center: new Float64Array([0, 1, 0, 0, 0, 0]),
    d1: new Float64Array([0, -2, 0, 0, 0, 0]),
    d2: new Float64Array(6),
  };
  const ds: Dataset = { name: "hand", credit: "", n: 5, d: 2, x: new Float64Array([1, 0, -1, 0, 2, 1, -0.5, 3, 0, 5]), y: new Float64Array([1, 0, 0, 0, 0]), classes: 2 };
  it.each(["wasm", "js"] as const)("counts 4 of 5 at (0, 0) and 2 of 5 at (1, 0) (%s)", (kernels) => {
    const ev = createSliceEvaluator(slice, ds, { kernels });
    // (0,0): (1,0)→1 ✓, (−1,0)→0 ✓, (2,1)→1 ✗, (−0.5,3)→0 ✓, (0,5) tie→0 ✓
    expect(ev.felt(0, 0).accuracy).toEqual({ correct: 4, of: 5 });
    // (1,0): the sign flips: (1,0)→0 ✗, (−1,0)→1 ✗, (2,1)→0 ✓, (−0.5,3)→1 ✗, (0,5) tie→0 ✓
    expect(ev.felt(1, 0).accuracy).toEqual({ correct: 2, of: 5 });
    const answers = new Float64Array(10);
    ev.predictInto(0, 0, answers);
    expect(Array.from(answers.filter((_, i) => i % 2 === 0))).toEqual([1, 0, 1, 0, 0]);
    // sample (2, 1): logits (0, 2), p(class 1) = 1/(1 + e⁻²)
    expect(answers[5]).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
    expect(answers[9]).toBe(0.5);
  });
  it("has no count for an mse loss", () => {
    const mse: Slice = { ...slice, spec: { ...slice.spec, loss: "mse" } };
    const ev = createSliceEvaluator(mse, { ...ds, y: new Float64Array(10), classes: 0 });
    expect(ev.felt(0, 0).accuracy).toBeUndefined();
    const out = new Float64Array(4);
    ev.feltInto(0, 0, out);
    expect(out[3]).toBe(-1);
  });
});
