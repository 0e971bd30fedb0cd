import { describe, expect, it } from "vitest";
import { canStep, finishWalk, insideExtent, proposeStep, recordStep, startWalk, stepsLeft, type Landing } from "../../../lib/game/walk";

const start = { x: 1, y: -2, loss: 3, grad: [0.5, -1] as [number, number] };
/** A landing on the map whose felt value is also the truth (a full-batch round). */
const onMap = (loss: number, grad: [number, number] = [0.1, 0.1]): Landing => ({ felt: { loss, grad }, truth: { loss, grad }, inside: true, explodesAbove: 100 });

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
  it("appends what was felt and the truth, and counts the budget down to spent", () => {
    let w = startWalk(start, 2, { loss: 3, grad: [0.5, -1] });
    w = recordStep(w, [0.9, -1.8], 0.2, onMap(2.5));
    expect(w.status).toBe("walking");
    expect(stepsLeft(w)).toBe(1);
    w = recordStep(w, [0.8, -1.7], 0.2, onMap(2.4));
    expect(w.status).toBe("spent");
    expect(canStep(w)).toBe(false);
    expect(w.path).toHaveLength(3);
    expect(w.truth.map((t) => t?.loss)).toEqual([3, 2.5, 2.4]);
    expect(w.lrs).toEqual([0.2, 0.2]);
  });
  it("off the map the walk ends as left, with the loss measured there; exploded or non-finite, as diverged", () => {
    const left = recordStep(startWalk(start, 5), [99, 99], 5, { felt: { loss: 40, grad: [1, 1] }, truth: { loss: 40, grad: [1, 1] }, inside: false, explodesAbove: 100 });
    expect(left.status).toBe("left");
    expect(left.path[1]!.loss).toBe(40);
    const exploded = recordStep(startWalk(start, 5), [99, 99], 5, { felt: { loss: 1e4, grad: [1, 1] }, truth: null, inside: false, explodesAbove: 100 });
    expect(exploded.status).toBe("diverged");
    const nothing = recordStep(startWalk(start, 5), [99, 99], 5, { felt: null, truth: null, inside: false, explodesAbove: 100 });
    expect(nothing.status).toBe("diverged");
    expect(nothing.path[1]!.loss).toBeNull();
    const nan = recordStep(startWalk(start, 5), [1, 1], 1, onMap(Number.NaN, [0, 0]));
    expect(nan.status).toBe("diverged");
    expect(nan.truth[1]).toBeNull();
  });
  it("keeps no truth when only a minibatch was felt", () => {
    const w = recordStep(startWalk(start, 5), [1, 1], 1, { felt: { loss: 2, grad: [0, 1] }, truth: null, inside: true, explodesAbove: 100 });
    expect(w.truth[1]).toBeNull();
    expect(w.path[1]!.loss).toBe(2);
  });
  it("appends to the walk it is given, in place (a long walk is never copied)", () => {
    const w = startWalk(start, 5);
    const path = w.path;
    expect(recordStep(w, [1, 1], 1, onMap(1, [0, 0]))).toBe(w);
    expect(w.path).toBe(path);
    expect(w.path).toHaveLength(2);
    expect(w.truth).toHaveLength(2);
  });
  it("finishWalk ends only a walk in progress", () => {
    expect(finishWalk(startWalk(start, 3)).status).toBe("done");
    const left = recordStep(startWalk(start, 3), [9, 9], 1, { felt: { loss: 5, grad: [0, 0] }, truth: null, inside: false, explodesAbove: 100 });
    expect(finishWalk(left).status).toBe("left");
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
