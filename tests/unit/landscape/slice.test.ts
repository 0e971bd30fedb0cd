// The slice evaluator (affine first layer + truncated backprop) against the plain route: form
// θ(x, y), run full backprop, dot the gradient with δ1 and δ2.
import { describe, expect, it } from "vitest";
import { filterNormalizedDirection } from "../../../lib/landscape/directions";
import { MAX_GRID_SIZE } from "../../../lib/landscape/grid";
import { createWorkspace, lossAndGrad } from "../../../lib/landscape/mlp";
import { createRng, sampleWithoutReplacement } from "../../../lib/landscape/prng";
import { createSliceEvaluator, type Slice } from "../../../lib/landscape/slice";
import { LandscapeError, type Dataset, type MlpSpec } from "../../../lib/landscape/types";
import { dot, slicePoint } from "../../../lib/landscape/vec";
import { mlpSpec, randomParams, randomProblem } from "./fixtures";

/** A slice with filter-normalised directions plus small random bias entries (saddle-style directions carry biases). */
function randomSlice(spec: MlpSpec, seed: number): Slice {
  const rng = createRng(seed);
  const center = randomParams(spec, seed + 1);
  const d1 = filterNormalizedDirection(spec, center, rng);
  const d2 = filterNormalizedDirection(spec, center, rng);
  for (const d of [d1, d2]) for (let i = 0; i < d.length; i++) if (d[i] === 0) d[i] = 0.2 * rng.gaussian();
  return { spec, center, d1, d2 };
}

/** Loss and slope by full backprop at (x, y) over indices (all if null). */
function reference(slice: Slice, data: Dataset, x: number, y: number, idx: Int32Array | null): [number, number, number] {
  const theta = slicePoint(slice.center, slice.d1, slice.d2, x, y);
  const g = new Float64Array(theta.length);
  const loss = lossAndGrad(slice.spec, theta, data.x, data.y, idx, createWorkspace(slice.spec, data.n), g);
  return [loss, dot(g, slice.d1), dot(g, slice.d2)];
}

/** |a − b| relative to the size of the reference slope (or 1). */
function relErr(a: number, b: number, scale: number): number {
  return Math.abs(a - b) / Math.max(1e-3, scale);
}

const CASES: [string, MlpSpec][] = [
  ["64 → 16 relu → 10 softmax (the digits shape)", { layers: [{ in: 64, out: 16, activation: "relu" }, { in: 16, out: 10, activation: "linear" }], loss: "softmax_cross_entropy" }],
  ["deep tanh, softmax", mlpSpec(2, 8, 2, "tanh", "softmax_cross_entropy")],
  ["deep relu, softmax", mlpSpec(3, 6, 4, "relu", "softmax_cross_entropy")],
  ["sigmoid hidden, softmax", mlpSpec(4, 5, 3, "sigmoid", "softmax_cross_entropy")],
  ["linear hidden, mse with 2 outputs", mlpSpec(4, 5, 2, "linear", "mse")],
  ["tanh hidden, sigmoid output, mse", mlpSpec(2, 8, 1, "tanh", "mse", "sigmoid")],
  ["relu hidden, relu output, mse", mlpSpec(3, 6, 2, "relu", "mse", "relu")],
  ["softmax regression (one layer)", { layers: [{ in: 30, out: 2, activation: "linear" }], loss: "softmax_cross_entropy" }],
  ["one tanh layer, mse", { layers: [{ in: 3, out: 2, activation: "tanh" }], loss: "mse" }],
];
const POINTS: [number, number][] = [[0, 0], [0.37, -0.21], [-1.3, 0.8], [2.2, 1.7]];

describe("slice evaluator vs full backprop + dot products", () => {
  for (const [name, spec] of CASES) {
    it(`${name}: full batch and minibatch agree to 1e-10`, () => {
      const data = randomProblem(spec, 57, 3);
      const slice = randomSlice(spec, 11);
      const ev = createSliceEvaluator(slice, data);
      for (const [x, y] of POINTS) {
        const [l, gx, gy] = reference(slice, data, x, y, null);
        const f = ev.felt(x, y);
        const scale = Math.hypot(gx, gy);
        expect(Math.abs(f.loss - l) / Math.max(1, Math.abs(l))).toBeLessThan(1e-12);
        expect(relErr(f.grad[0], gx, scale)).toBeLessThan(1e-10);
        expect(relErr(f.grad[1], gy, scale)).toBeLessThan(1e-10);
        expect(ev.lossAt(x, y)).toBe(f.loss);
        for (const [batch, seed] of [[1, 5], [8, 9], [56, 0]] as const) {
          const idx = sampleWithoutReplacement(data.n, batch, createRng(seed));
          const [bl, bgx, bgy] = reference(slice, data, x, y, idx);
          const b = ev.felt(x, y, { batch, seed });
          const bscale = Math.hypot(bgx, bgy);
          expect(Math.abs(b.loss - bl) / Math.max(1, Math.abs(bl))).toBeLessThan(1e-12);
          expect(relErr(b.grad[0], bgx, bscale)).toBeLessThan(1e-10);
          expect(relErr(b.grad[1], bgy, bscale)).toBeLessThan(1e-10);
        }
      }
    });
  }

  it("draws the same minibatch for the same seed, another for another seed, and the full set for batch = n", () => {
    const spec = CASES[0]![1];
    const data = randomProblem(spec, 40, 4);
    const ev = createSliceEvaluator(randomSlice(spec, 2), data);
    const a = ev.felt(0.2, 0.1, { batch: 7, seed: 3 });
    ev.felt(0.2, 0.1, { batch: 9, seed: 4 }); // disturb nothing in between
    expect(ev.felt(0.2, 0.1, { batch: 7, seed: 3 })).toEqual(a);
    expect(ev.felt(0.2, 0.1, { batch: 7, seed: 8 }).loss).not.toBe(a.loss);
    expect(ev.felt(0.2, 0.1, { batch: 40, seed: 8 })).toEqual(ev.felt(0.2, 0.1));
  });

  it("keeps drawing sampleWithoutReplacement's minibatch over many calls of every size", () => {
    const spec = mlpSpec(3, 4, 2, "tanh", "softmax_cross_entropy");
    const data = randomProblem(spec, 12, 2);
    const slice = randomSlice(spec, 3);
    const ev = createSliceEvaluator(slice, data);
    for (let call = 0; call < 60; call++) {
      const batch = 1 + (call % 11);
      const seed = 1000 + 7 * call;
      const [l, gx, gy] = reference(slice, data, 0.3, -0.2, sampleWithoutReplacement(data.n, batch, createRng(seed)));
      const f = ev.felt(0.3, -0.2, { batch, seed });
      expect(Math.abs(f.loss - l)).toBeLessThan(1e-12 * Math.max(1, Math.abs(l)));
      expect(relErr(f.grad[0], gx, Math.hypot(gx, gy))).toBeLessThan(1e-10);
      expect(relErr(f.grad[1], gy, Math.hypot(gx, gy))).toBeLessThan(1e-10);
    }
  });
});

describe("slice evaluator: grid rows", () => {
  it("fills out[(j − row0)·size + i] with the loss at (x_i, y_j), and chunks join to the whole", () => {
    const spec = mlpSpec(2, 4, 2, "tanh", "softmax_cross_entropy");
    const data = randomProblem(spec, 30, 6);
    const ev = createSliceEvaluator(randomSlice(spec, 5), data);
    const extent = { x: [-1, 2] as [number, number], y: [-0.5, 0.5] as [number, number] };
    const size = 7;
    const whole = new Float32Array(size * size);
    ev.gridRows(size, extent, 0, size, whole);
    const part = new Float32Array(3 * size);
    ev.gridRows(size, extent, 2, 5, part);
    expect(Array.from(part)).toEqual(Array.from(whole.subarray(2 * size, 5 * size)));
    // x_3 = −1 + 3·3/6 = 0.5, y_4 = −0.5 + 4/6
    expect(whole[4 * size + 3]).toBe(Math.fround(ev.lossAt(0.5, -0.5 + 4 / 6)));
    expect(whole[0]).toBe(Math.fround(ev.lossAt(-1, -0.5)));
    expect(whole[size * size - 1]).toBe(Math.fround(ev.lossAt(2, 0.5)));
  });

  it("stores a non-finite loss as Infinity", () => {
    const spec: MlpSpec = { layers: [{ in: 1, out: 1, activation: "linear" }], loss: "mse" };
    const data: Dataset = { name: "t", credit: "t", n: 1, d: 1, x: Float64Array.of(1), y: Float64Array.of(0), classes: 0 };
    const ev = createSliceEvaluator({ spec, center: Float64Array.of(0, 0), d1: Float64Array.of(1e300, 0), d2: Float64Array.of(0, 1) }, data);
    const out = new Float32Array(4);
    ev.gridRows(2, { x: [0, 1e10], y: [0, 1] }, 0, 2, out);
    expect(out[1]).toBe(Infinity);
    expect(out[0]).toBe(0);
  });
});

describe("slice evaluator: bad input", () => {
  const spec = mlpSpec(2, 3, 2, "relu", "softmax_cross_entropy");
  const data = randomProblem(spec, 10, 1);
  const ev = createSliceEvaluator(randomSlice(spec, 1), data);
  const code = (f: () => unknown): string | undefined => {
    try {
      f();
    } catch (e) {
      return e instanceof LandscapeError ? e.code : "not a LandscapeError";
    }
    return undefined;
  };

  it("rejects non-finite coordinates with bad_coordinates", () => {
    expect(code(() => ev.felt(NaN, 0))).toBe("bad_coordinates");
    expect(code(() => ev.felt(0, Infinity))).toBe("bad_coordinates");
    expect(code(() => ev.felt("1" as unknown as number, 0))).toBe("bad_coordinates");
    expect(code(() => ev.lossAt(-Infinity, 0))).toBe("bad_coordinates");
  });

  it("rejects a batch outside [1, n] or not whole with bad_batch", () => {
    for (const batch of [0, -1, 1.5, 11, NaN]) expect(code(() => ev.felt(0, 0, { batch }))).toBe("bad_batch");
    expect(code(() => ev.felt(0, 0, { batch: 10 }))).toBeUndefined();
  });

  it("rejects a seed that is not a finite number with bad_argument", () => {
    for (const seed of [NaN, Infinity, "3" as unknown as number]) expect(code(() => ev.felt(0, 0, { batch: 2, seed }))).toBe("bad_argument");
    expect(code(() => ev.felt(0, 0, { batch: 2, seed: -7 }))).toBeUndefined();
  });

  it("rejects a bad grid with bad_grid_size or bad_argument", () => {
    expect(code(() => ev.gridRows(1, { x: [0, 1], y: [0, 1] }, 0, 1, new Float32Array(1)))).toBe("bad_grid_size");
    expect(code(() => ev.gridRows(4.5, { x: [0, 1], y: [0, 1] }, 0, 1, new Float32Array(8)))).toBe("bad_grid_size");
    expect(code(() => ev.gridRows(MAX_GRID_SIZE + 1, { x: [0, 1], y: [0, 1] }, 0, 1, new Float32Array(MAX_GRID_SIZE + 1)))).toBe("bad_grid_size");
    expect(code(() => ev.gridRows(MAX_GRID_SIZE, { x: [0, 1], y: [0, 1] }, 0, 1, new Float32Array(MAX_GRID_SIZE)))).toBeUndefined();
    expect(code(() => ev.gridRows(4, { x: [0, 1], y: [0, 1] }, 2, 5, new Float32Array(12)))).toBe("bad_argument");
    expect(code(() => ev.gridRows(4, { x: [0, 1], y: [0, 1] }, 0, 2, new Float32Array(7)))).toBe("bad_argument");
    expect(code(() => ev.gridRows(4, { x: [1, 0], y: [0, 1] }, 0, 2, new Float32Array(8)))).toBe("bad_argument");
  });

  it("rejects vectors of the wrong length and a dataset of the wrong width", () => {
    const s = randomSlice(spec, 1);
    expect(code(() => createSliceEvaluator({ ...s, d1: new Float64Array(3) }, data))).toBe("bad_argument");
    expect(code(() => createSliceEvaluator(s, { ...data, d: 3 }))).toBe("bad_argument");
  });
});
