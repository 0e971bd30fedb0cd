// A walker's momentum and step-size schedule, against the optimizers' own definitions: the heavy
// ball of lib/game/optimizer.ts (PyTorch's v ← βv + g, p − lr·v) and the training core's schedules
// (lib/landscape/optimizers.ts scheduledLr); and the debrief's reading of them.
import { describe, expect, it } from "vitest";
import { momentumStep, recordStep, startWalk, type Walk } from "../../../lib/game/walk";
import { optimizerStep, startOptimizer } from "../../../lib/game/optimizer";
import { scheduledLr } from "../../../lib/landscape/optimizers";
import { scheduleCurve, scheduledStep } from "../../../lib/game/schedule";
import { isCrawl, momentumOf, scheduleOf } from "../../../lib/game/analysis";

/** A bowl stretched along y (a ravine): L = x² + 10y², ∇L = (2x, 20y). */
const grad = (x: number, y: number): [number, number] => [2 * x, 20 * y];
const loss = (x: number, y: number) => x * x + 10 * y * y;

function walkFrom(x: number, y: number): Walk {
  return startWalk({ x, y, loss: loss(x, y), grad: grad(x, y) }, 100);
}
function take(walk: Walk, target: [number, number], lr: number, beta: number): void {
  const [x, y] = target;
  recordStep(walk, target, lr, { felt: { loss: loss(x, y), grad: grad(x, y) }, truth: null, inside: true, explodesAbove: 1e9 }, beta);
}

describe("a walker's momentum", () => {
  it("is the heavy ball: the same path as the momentum optimizer, step for step", () => {
    for (const beta of [0.5, 0.9, 0.99]) {
      const walk = walkFrom(1.5, 0.8);
      let opt = startOptimizer("momentum", beta);
      let p: [number, number] = [1.5, 0.8];
      for (let k = 0; k < 30; k++) {
        const target = momentumStep(walk, "downhill", 0.04, beta);
        const next = optimizerStep(opt, p, grad(p[0], p[1]), 0.04);
        opt = next.state;
        p = next.to;
        expect(target[0]).toBeCloseTo(p[0], 12);
        expect(target[1]).toBeCloseTo(p[1], 12);
        take(walk, target, 0.04, beta);
      }
    }
  });

  it("keeps its velocity through a change of step size (v = −Δ/lr, then v ← βv + g)", () => {
    const walk = walkFrom(1, 0.5);
    const lrs = [0.05, 0.02, 0.08, 0.01, 0.03];
    let v: [number, number] = [0, 0];
    let p: [number, number] = [1, 0.5];
    for (const lr of lrs) {
      const g = grad(p[0], p[1]);
      v = [0.8 * v[0] + g[0], 0.8 * v[1] + g[1]];
      p = [p[0] - lr * v[0], p[1] - lr * v[1]];
      const target = momentumStep(walk, "downhill", lr, 0.8);
      expect(target[0]).toBeCloseTo(p[0], 12);
      expect(target[1]).toBeCloseTo(p[1], 12);
      take(walk, target, lr, 0.8);
    }
    expect(walk.betas).toEqual([0.8, 0.8, 0.8, 0.8, 0.8]);
  });

  it("with β = 0 is a plain step, and the first step of any β is too (there is no velocity yet)", () => {
    const walk = walkFrom(1, 1);
    expect(momentumStep(walk, "downhill", 0.1, 0.9)).toEqual([1 - 0.1 * 2, 1 - 0.1 * 20]);
    take(walk, [0.8, -1], 0.1, 0);
    expect(momentumStep(walk, [1, 0], 0.1, 0)).toEqual([0.8 + 0.1 * Math.hypot(1.6, -20), -1]);
    expect(walk.betas).toBeUndefined();
  });

  it("is read by the debrief: steps with momentum and the most kept", () => {
    expect(momentumOf(undefined)).toBeNull();
    expect(momentumOf([0, 0, 0])).toBeNull();
    expect(momentumOf([0, 0.5, 0.9, 0])).toEqual({ steps: 2, maxBeta: 0.9 });
  });
});

describe("a walker's step-size schedule", () => {
  it("follows the training core's own curves over the budget", () => {
    const range = { min: 1e-6, max: 10 };
    for (let k = 0; k < 40; k++) {
      expect(scheduledStep(0.5, "constant", k, 40, range)).toBe(0.5);
      expect(scheduledStep(0.5, "step", k, 40, range)).toBe(scheduledLr(0.5, { kind: "step", every: 10, factor: 0.5 }, k, 40));
      expect(scheduledStep(0.5, "cosine", k, 40, range)).toBe(scheduledLr(0.5, { kind: "cosine", floor: 0.1 }, k, 40));
    }
    expect(scheduleCurve("step", 40)).toEqual({ kind: "step", every: 10, factor: 0.5 });
    expect(scheduledStep(0.5, "cosine", 39, 40, range)).toBeCloseTo(0.05, 12);
    // Held to the landscape's range.
    expect(scheduledStep(0.5, "cosine", 39, 40, { min: 0.1, max: 1 })).toBe(0.1);
  });

  it("is named by the debrief when the step size shrank 4× or more over the walk", () => {
    const cosine = Array.from({ length: 40 }, (_, k) => scheduledStep(0.5, "cosine", k, 40, { min: 1e-6, max: 10 }));
    const s = scheduleOf(cosine)!;
    expect(s.from).toBeGreaterThan(s.to);
    expect(s.factor).toBeGreaterThanOrEqual(4);
    expect(scheduleOf(Array(40).fill(0.5))).toBeNull();
    expect(scheduleOf([0.5, 0.1, 0.05])).toBeNull(); // too short to say
    expect(scheduleOf([0.1, 0.1, 0.1, 0.1, 0.5, 0.5, 0.5, 0.5])).toMatchObject({ from: 0.1, to: 0.5 }); // a warm-up
  });
  it("a small step size with momentum is not a crawl: the step it takes is lr/(1 − β)", () => {
    const small = Array(8).fill(0.02);
    expect(isCrawl(small, 0.1)).toBe(true);
    expect(isCrawl(small, 0.1, Array(8).fill(0.9))).toBe(false);
    expect(isCrawl(small, 0.1, Array(8).fill(0.1))).toBe(true);
  });
});
