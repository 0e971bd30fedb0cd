// The WebAssembly kernels against the JS reference kernels on every catalog landscape, built by
// real training: loss and slope at points across the extent, minibatch probes, and whole grid rows
// in double precision, all to 1e-9 relative; and the same bits for the same inputs.
import { beforeAll, describe, expect, it } from "vitest";
import { CATALOG } from "../../../lib/landscape/catalog";
import { gridCoordinate } from "../../../lib/landscape/grid";
import { createRng } from "../../../lib/landscape/prng";
import { createSliceEvaluator, type SliceEvaluator } from "../../../lib/landscape/slice";
import { precomputeFirstLayer } from "../../../lib/landscape/slice-kernel";
import type { Dataset, Extent, MlpSpec, Slice } from "../../../lib/landscape/types";
import { hasQuadraticRows } from "../../../lib/landscape/grid-kernel";
import { createWasmKernels } from "../../../lib/landscape/wasm-kernels";
import { build, mlpSpec, randomParams, randomProblem } from "./fixtures";

/** |a − b| relative to max(|b|, floor). */
function rel(a: number, b: number, floor = 1e-300): number {
  return a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), floor);
}

/** ‖a − b‖ / ‖b‖ of two slopes. */
function relSlope(a: [number, number], b: [number, number]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]) / Math.max(Math.hypot(b[0], b[1]), 1e-300);
}

/** Points over the extent and a little beyond it (where losses are large): a 5×5 lattice plus random ones. */
function pointsOver(extent: Extent, seed: number): [number, number][] {
  const pts: [number, number][] = [];
  for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) {
    pts.push([gridCoordinate(extent.x[0] * 1.2, extent.x[1] * 1.2, 5, i), gridCoordinate(extent.y[0] * 1.2, extent.y[1] * 1.2, 5, j)]);
  }
  const rng = createRng(seed);
  for (let k = 0; k < 15; k++) {
    pts.push([extent.x[0] + rng.next() * (extent.x[1] - extent.x[0]), extent.y[0] + rng.next() * (extent.y[1] - extent.y[0])]);
  }
  return pts;
}

describe("wasm kernels vs the JS reference, on every catalog landscape", () => {
  const built = new Map<string, { slice: Slice; dataset: Dataset; wasm: SliceEvaluator; js: SliceEvaluator }>();
  beforeAll(() => {
    for (const r of CATALOG) {
      const { slice, dataset } = build(r);
      built.set(r.id, { slice, dataset, wasm: createSliceEvaluator(slice, dataset), js: createSliceEvaluator(slice, dataset, { kernels: "js" }) });
    }
  });

  describe.each(CATALOG.map((r) => [r.id, r] as const))("%s", (id, recipe) => {
    it("loss and slope, full batch, agree to 1e-9", () => {
      const { wasm, js } = built.get(id)!;
      for (const [x, y] of pointsOver(recipe.extent, 1)) {
        const a = wasm.felt(x, y), b = js.felt(x, y);
        expect(rel(a.loss, b.loss), `loss at (${x}, ${y})`).toBeLessThan(1e-9);
        expect(relSlope(a.grad, b.grad), `slope at (${x}, ${y})`).toBeLessThan(1e-9);
        expect(wasm.lossAt(x, y)).toBe(a.loss); // the loss of a probe is the loss of the map
      }
    });

    it("minibatch probes agree to 1e-9 (odd and even batches, one sample, the whole set)", () => {
      const { wasm, js, dataset } = built.get(id)!;
      const pts = pointsOver(recipe.extent, 2).slice(20);
      for (const [k, [x, y]] of pts.entries()) {
        for (const batch of [1, 2, 7, 32, dataset.n - 1]) {
          const opts = { batch, seed: 1000 * k + batch };
          const a = wasm.felt(x, y, opts), b = js.felt(x, y, opts);
          expect(rel(a.loss, b.loss), `loss at (${x}, ${y}), batch ${batch}`).toBeLessThan(1e-9);
          expect(relSlope(a.grad, b.grad), `slope at (${x}, ${y}), batch ${batch}`).toBeLessThan(1e-9);
        }
      }
    });

    it("grid rows, in double precision, agree with the reference forward pass to 1e-9 at every point", () => {
      const { slice, dataset, js } = built.get(id)!;
      const pre = precomputeFirstLayer(slice.spec, slice.center, slice.d1, slice.d2, dataset);
      const row = createWasmKernels(slice.spec, slice.center, slice.d1, slice.d2, dataset, pre)!.row;
      const size = 97; // a row long enough for several exp anchors and relu switches
      const e = recipe.extent;
      const xs = Array.from({ length: size }, (_, i) => gridCoordinate(e.x[0], e.x[1], size, i));
      const out = new Float64Array(size);
      let worst = 0;
      for (const j of [0, 31, 48, 96]) {
        const y = gridCoordinate(e.y[0], e.y[1], size, j);
        row(y, xs, out);
        for (let i = 0; i < size; i++) worst = Math.max(worst, rel(out[i]!, js.lossAt(xs[i]!, y)));
      }
      expect(worst).toBeLessThan(1e-9);
    });

    it("gives the same bits for the same inputs, in one evaluator and in a second one", () => {
      const { slice, dataset, wasm } = built.get(id)!;
      const again = createSliceEvaluator(slice, dataset);
      const size = 33;
      const g1 = new Float32Array(size * size), g2 = new Float32Array(size * size);
      wasm.gridRows(size, recipe.extent, 0, size, g1);
      for (const [x, y] of pointsOver(recipe.extent, 3).slice(0, 8)) {
        expect(again.felt(x, y)).toEqual(wasm.felt(x, y));
        expect(again.felt(x, y, { batch: 5, seed: 9 })).toEqual(wasm.felt(x, y, { batch: 5, seed: 9 }));
      }
      again.gridRows(size, recipe.extent, 0, size, g2);
      expect(Array.from(g2)).toEqual(Array.from(g1));
    });
  });

  it("runs the wasm kernels by default, the JS ones when asked", () => {
    const { wasm, js } = built.get("bowl")!;
    expect(wasm.kernels).toBe("wasm");
    expect(js.kernels).toBe("js");
  });

  it("takes the quadratic row kernel exactly where the outputs are piecewise quadratic along a row", () => {
    const quadratic = CATALOG.filter((r) => hasQuadraticRows(r.spec)).map((r) => r.id);
    expect(quadratic).toEqual(["bowl", "ravine", "two-valleys"]);
  });
});

/** Worst relative difference between the wasm row kernel (double) and the JS forward pass over the given rows of a size² grid. */
function worstRowDifference(slice: Slice, dataset: Dataset, extent: Extent, size: number, rows = [0, 1, Math.floor(size / 2), size - 1]): number {
  const js = createSliceEvaluator(slice, dataset, { kernels: "js" });
  const pre = precomputeFirstLayer(slice.spec, slice.center, slice.d1, slice.d2, dataset);
  const row = createWasmKernels(slice.spec, slice.center, slice.d1, slice.d2, dataset, pre)!.row;
  const xs = Array.from({ length: size }, (_, i) => gridCoordinate(extent.x[0], extent.x[1], size, i));
  const out = new Float64Array(size);
  let worst = 0;
  for (const j of rows) {
    const y = gridCoordinate(extent.y[0], extent.y[1], size, j);
    row(y, xs, out);
    for (let i = 0; i < size; i++) worst = Math.max(worst, rel(out[i]!, js.lossAt(xs[i]!, y)));
  }
  return worst;
}

describe("wasm kernels vs the JS reference, other shapes", () => {
  const two = (d: number, h: number, out: number, act: "relu" | "linear" | "tanh" | "sigmoid", loss: "mse" | "softmax_cross_entropy", outAct: "linear" | "relu" | "sigmoid" = "linear"): MlpSpec =>
    ({ layers: [{ in: d, out: h, activation: act }, { in: h, out, activation: outAct }], loss });
  const CASES: [string, MlpSpec][] = [
    ["relu, mse, 3 outputs (quadratic rows, odd classes)", two(4, 9, 3, "relu", "mse")],
    ["relu, softmax, 5 classes (quadratic rows, odd classes)", two(3, 12, 5, "relu", "softmax_cross_entropy")],
    ["linear hidden, softmax", two(3, 6, 4, "linear", "softmax_cross_entropy")],
    ["single linear layer, mse", { layers: [{ in: 5, out: 3, activation: "linear" }], loss: "mse" }],
    ["single sigmoid layer, mse", { layers: [{ in: 5, out: 1, activation: "sigmoid" }], loss: "mse" }],
    ["deep relu, softmax", mlpSpec(3, 6, 4, "relu", "softmax_cross_entropy")],
    ["sigmoid hidden, sigmoid output, mse", mlpSpec(2, 5, 2, "sigmoid", "mse", "sigmoid")],
    ["tanh hidden, relu output, mse", mlpSpec(3, 7, 3, "tanh", "mse", "relu")],
    ["deep tanh, softmax, odd width", mlpSpec(2, 7, 3, "tanh", "softmax_cross_entropy")],
  ];
  const extent: Extent = { x: [-2, 1.5], y: [-1, 2] };

  it.each(CASES)("%s: probes, minibatches and grid rows agree to 1e-9", (_name, spec) => {
    const dataset = randomProblem(spec, 61, 4); // an odd count: the last pair has one sample
    const slice: Slice = { spec, center: randomParams(spec, 1), d1: randomParams(spec, 2), d2: randomParams(spec, 3) };
    const wasm = createSliceEvaluator(slice, dataset), js = createSliceEvaluator(slice, dataset, { kernels: "js" });
    for (const [x, y] of pointsOver(extent, 5)) {
      for (const opts of [undefined, { batch: 1, seed: 2 }, { batch: 6, seed: 3 }, { batch: 31, seed: 4 }]) {
        const a = wasm.felt(x, y, opts), b = js.felt(x, y, opts);
        expect(rel(a.loss, b.loss, 1e-12)).toBeLessThan(1e-9);
        expect(relSlope(a.grad, b.grad)).toBeLessThan(1e-9);
      }
    }
    expect(worstRowDifference(slice, dataset, extent, 41)).toBeLessThan(1e-9);
  });

  it.each([3, 20, 60])("quadratic rows stay exact on steep slices (weights ×%d), where the exp recurrence must re-anchor early", (k) => {
    const spec = two(4, 16, 6, "relu", "softmax_cross_entropy");
    const dataset = randomProblem(spec, 40, 7);
    const scale = (v: Float64Array, f: number) => v.map((e) => f * e);
    // logits of hundreds that swing by up to hundreds between neighbouring points
    for (const seed of [4, 14]) {
      const slice: Slice = { spec, center: scale(randomParams(spec, seed), k), d1: scale(randomParams(spec, seed + 1), 2 * k), d2: scale(randomParams(spec, seed + 2), k) };
      const rows = Array.from({ length: 16 }, (_, r) => 20 * r);
      expect(worstRowDifference(slice, dataset, { x: [-3, 3], y: [-2, 2] }, 301, rows)).toBeLessThan(1e-9);
    }
  });
});
