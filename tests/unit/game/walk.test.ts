import { describe, expect, it } from "vitest";
import { canStep, finishWalk, insideExtent, proposeStep, recordStep, startWalk, stepsLeft } from "../../../lib/game/walk";

const start = { x: 1, y: -2, loss: 3, grad: [0.5, -1] as [number, number] };

describe("proposeStep", () => {
  it("follows the slope as plain gradient descent: Δ = −lr·∇L", () => {
    expect(proposeStep(start, "downhill", 0.2)).toEqual([1 - 0.1, -2 + 0.2]);
  });
  it("moves an aimed step the same length a gradient step would, along the aim", () => {
    const [x, y] = proposeStep(start, [3, 4], 0.2);
    const len = 0.2 * Math.hypot(0.5, -1);
    expect(x).toBeCloseTo(1 + len * 0.6, 12);
    expect(y).toBeCloseTo(-2 + len * 0.8, 12);
  });
  it("an aim straight downhill equals following the slope", () => {
    const a = proposeStep(start, "downhill", 0.7);
    const b = proposeStep(start, [-0.5, 1], 0.7);
    expect(b[0]).toBeCloseTo(a[0], 12);
    expect(b[1]).toBeCloseTo(a[1], 12);
  });
});

describe("recordStep", () => {
  it("appends what was felt and counts the budget down to spent", () => {
    let w = startWalk(start, 2);
    w = recordStep(w, [0.9, -1.8], 0.2, { loss: 2.5, grad: [0.1, 0.1] });
    expect(w.status).toBe("walking");
    expect(stepsLeft(w)).toBe(1);
    w = recordStep(w, [0.8, -1.7], 0.2, { loss: 2.4, grad: [0.1, 0.1] });
    expect(w.status).toBe("spent");
    expect(canStep(w)).toBe(false);
    expect(w.path).toHaveLength(3);
    expect(w.lrs).toEqual([0.2, 0.2]);
  });
  it("a step off the map or to a non-finite loss ends the walk as diverged", () => {
    const off = recordStep(startWalk(start, 5), [99, 99], 50, null);
    expect(off.status).toBe("diverged");
    expect(off.path[1]!.loss).toBeNull();
    const nan = recordStep(startWalk(start, 5), [1, 1], 1, { loss: Number.NaN, grad: [0, 0] });
    expect(nan.status).toBe("diverged");
  });
  it("does not mutate the walk it is given", () => {
    const w = startWalk(start, 5);
    recordStep(w, [1, 1], 1, { loss: 1, grad: [0, 0] });
    expect(w.path).toHaveLength(1);
  });
  it("finishWalk ends only a walk in progress", () => {
    expect(finishWalk(startWalk(start, 3)).status).toBe("done");
    const diverged = recordStep(startWalk(start, 3), [9, 9], 1, null);
    expect(finishWalk(diverged).status).toBe("diverged");
  });
});

describe("insideExtent", () => {
  it("includes the border and excludes beyond it", () => {
    const e = { x: [-1, 1] as [number, number], y: [-2, 2] as [number, number] };
    expect(insideExtent(e, 1, 2)).toBe(true);
    expect(insideExtent(e, 1.0001, 0)).toBe(false);
    expect(insideExtent(e, Number.NaN, 0)).toBe(false);
  });
});
