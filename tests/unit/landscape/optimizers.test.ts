import { describe, expect, it } from "vitest";
import { createOptimizer, scheduledLr, type OptimizerKind } from "../../../lib/landscape/optimizers";
import { LandscapeError } from "../../../lib/landscape/types";

/** f(p) = ½ Σ cᵢ pᵢ², an ill-conditioned quadratic; ∇f = c ⊙ p. */
const C = Float64Array.of(1, 10, 0.3);
const f = (p: Float64Array) => 0.5 * p.reduce((s, v, i) => s + C[i]! * v * v, 0);

describe("optimizers", () => {
  it.each<[OptimizerKind, number]>([["sgd", 0.15], ["momentum", 0.05], ["adam", 0.1]])("%s reduces a quadratic by 1000× in 300 steps", (kind, lr) => {
    const p = Float64Array.of(3, -2, 5);
    const g = new Float64Array(3);
    const opt = createOptimizer(kind, 3);
    const start = f(p);
    for (let t = 0; t < 300; t++) {
      for (let i = 0; i < 3; i++) g[i] = C[i]! * p[i]!;
      opt.step(p, g, lr);
    }
    expect(f(p)).toBeLessThan(start / 1000);
  });

  it("sgd is θ ← θ − lr·g exactly; momentum and adam match hand calculations", () => {
    const p = Float64Array.of(1);
    createOptimizer("sgd", 1).step(p, Float64Array.of(2), 0.25);
    expect(p[0]).toBe(0.5);
    const m = createOptimizer({ kind: "momentum", momentum: 0.5 }, 1);
    const q = Float64Array.of(0);
    m.step(q, Float64Array.of(1), 1); // v = 1
    m.step(q, Float64Array.of(1), 1); // v = 1.5
    expect(q[0]).toBe(-2.5);
    const a = createOptimizer("adam", 1);
    const r = Float64Array.of(0);
    a.step(r, Float64Array.of(123), 0.1); // first Adam step is lr·sign(g) (up to ε)
    expect(r[0]).toBeCloseTo(-0.1, 9);
    a.reset();
    a.step(r, Float64Array.of(-7), 0.1);
    expect(r[0]).toBeCloseTo(0, 9);
  });

  it("refuses an unknown kind with a typed error instead of falling back to another rule", () => {
    for (const config of ["newton" as OptimizerKind, { kind: "rmsprop" as OptimizerKind }]) {
      const e = (() => {
        try {
          createOptimizer(config, 2);
        } catch (err) {
          return err;
        }
        return null;
      })();
      expect(e).toBeInstanceOf(LandscapeError);
      expect((e as LandscapeError).code).toBe("bad_argument");
    }
  });

  it("schedules: constant, step decay and cosine", () => {
    expect(scheduledLr(0.1, undefined, 50, 100)).toBe(0.1);
    expect(scheduledLr(1, { kind: "step", every: 10, factor: 0.5 }, 25, 100)).toBe(0.25);
    expect(scheduledLr(1, { kind: "cosine" }, 0, 101)).toBe(1);
    expect(scheduledLr(1, { kind: "cosine" }, 50, 101)).toBeCloseTo(0.5, 12);
    expect(scheduledLr(1, { kind: "cosine", floor: 0.1 }, 100, 101)).toBeCloseTo(0.1, 12);
  });
});
