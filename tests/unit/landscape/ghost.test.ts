import { describe, expect, it } from "vitest";
import { runGhost } from "../../../lib/landscape/ghost";
import { mixSeed } from "../../../lib/landscape/prng";
import { createSliceEvaluator } from "../../../lib/landscape/slice";
import { LandscapeError, type Dataset, type MlpSpec } from "../../../lib/landscape/types";

// One linear unit, mse against target 0 on one sample with input 1: L(x, y) = (x + 2y)²/... — a
// quadratic in the slice coordinates we can solve by hand: θ = (w, b) = (x, y), output = w + b.
const spec: MlpSpec = { layers: [{ in: 1, out: 1, activation: "linear" }], loss: "mse" };
const data: Dataset = { name: "t", credit: "t", n: 1, d: 1, x: Float64Array.of(1), y: Float64Array.of(0), classes: 0 };
const ev = createSliceEvaluator({ spec, center: Float64Array.of(0, 0), d1: Float64Array.of(1, 0), d2: Float64Array.of(0, 1) }, data);
const extent = { x: [-5, 5] as [number, number], y: [-5, 5] as [number, number] };

describe("runGhost", () => {
  it("takes exactly Δ = −lr·∇L with gd", () => {
    // L = (x + y)², ∇L = 2(x + y)·(1, 1); from (1, 1): ∇ = (4, 4), with lr 0.1 → (0.6, 0.6)
    const path = runGhost(ev, [1, 1], { optimizer: "gd", lr: 0.1, steps: 3, extent });
    expect(path.length).toBe(4);
    expect(path[0]).toEqual({ x: 1, y: 1, loss: 4, gx: 4, gy: 4 });
    expect(path[1]!.x).toBeCloseTo(0.6, 15);
    expect(path[1]!.loss).toBeCloseTo(1.44, 12);
    for (let k = 1; k < path.length; k++) expect(path[k]!.loss).toBeLessThan(path[k - 1]!.loss);
  });

  it("descends with momentum and Adam too", () => {
    for (const optimizer of ["momentum", "adam"] as const) {
      const path = runGhost(ev, [2, 1], { optimizer, lr: 0.05, steps: 40, extent });
      expect(path[path.length - 1]!.loss).toBeLessThan(0.05 * path[0]!.loss);
    }
  });

  it("stops at the first point outside the extent and marks it", () => {
    const path = runGhost(ev, [1, 1], { optimizer: "gd", lr: 2, steps: 10, extent });
    const last = path[path.length - 1]!;
    expect(last.end).toBe("outside");
    expect(path.length).toBeLessThan(11);
    expect(path.slice(0, -1).every((p) => p.end === undefined)).toBe(true);
  });

  it("stops and marks a non-finite walk", () => {
    const path = runGhost(ev, [1, 1], { optimizer: "gd", lr: 1e300, steps: 10, extent: { x: [-Infinity, Infinity], y: [-Infinity, Infinity] } });
    expect(path[path.length - 1]!.end).toBe("non_finite");
  });

  it("is reproducible with minibatches and rejects a bad rate", () => {
    const opts = { optimizer: "gd" as const, lr: 0.1, steps: 5, extent, batch: 1, seed: 4 };
    expect(runGhost(ev, [1, 0], opts)).toEqual(runGhost(ev, [1, 0], opts));
    expect(() => runGhost(ev, [0, 0], { ...opts, lr: -1 })).toThrow(LandscapeError);
  });

  it("meets at step k the minibatch a player meets at step k of a round with the same seed", () => {
    // Four samples with different targets: each minibatch of 2 gives a different slope.
    const d4: Dataset = { name: "t4", credit: "t", n: 4, d: 1, x: Float64Array.of(1, 2, -1, 0.5), y: Float64Array.of(0, 1, -2, 3), classes: 0 };
    const ev4 = createSliceEvaluator({ spec, center: Float64Array.of(0, 0), d1: Float64Array.of(1, 0), d2: Float64Array.of(0, 1) }, d4);
    const roundSeed = 77;
    const path = runGhost(ev4, [1, 1], { optimizer: "gd", lr: 0.05, steps: 6, extent, batch: 2, seed: roundSeed });
    expect(path.length).toBe(7);
    const f = new Float64Array(3);
    for (let k = 0; k < path.length; k++) {
      const p = path[k]!;
      ev4.feltInto(p.x, p.y, f, { batch: 2, seed: mixSeed(roundSeed, k) });
      expect([p.loss, p.gx, p.gy]).toEqual([f[0], f[1], f[2]]);
    }
  });
});
