import { describe, expect, it } from "vitest";
import { altitudeHistogram, liveState } from "../../../lib/game/live";
import { recordStep, startWalk, type Walk } from "../../../lib/game/walk";

const scale = { min: 0.1, chance: 1.1, max: 10 }; // the valley reaches up to 0.2
const fp = (loss: number) => ({ x: 0, y: 0, loss, grad: [1, 0] as [number, number] });
/** A walk through these true losses at one step size. */
function walk(losses: number[], lr = 0.3, inside = true): Walk {
  let w = startWalk(fp(5), 30, { loss: 5, grad: [1, 0] });
  for (const l of losses) w = recordStep(w, [0, 0], lr, { felt: { loss: l, grad: [1, 0] }, truth: { loss: l, grad: [1, 0] }, inside, explodesAbove: 100 });
  return w;
}

describe("live states on the projector", () => {
  it("names waiting, valley, left, diverged, crawling and walking by the same rules as the debrief", () => {
    expect(liveState(undefined, scale, 0.3)).toBe("waiting");
    expect(liveState(walk([]), scale, 0.3)).toBe("waiting");
    expect(liveState(walk([2, 0.15]), scale, 0.3)).toBe("valley");
    expect(liveState(walk([2, 0.25]), scale, 0.3)).toBe("walking"); // 90 % of the way is not the valley
    expect(liveState(walk([40], 0.3, false), scale, 0.3)).toBe("left");
    expect(liveState(walk([1e6], 0.3, false), scale, 0.3)).toBe("diverged");
    expect(liveState(walk([4, 3.9, 3.8], 0.3 / 5), scale, 0.3)).toBe("crawling");
    expect(liveState(walk([4, 3.9], 0.3 / 5), scale, 0.3)).toBe("walking"); // too few steps to call it
    expect(liveState(walk([4, 3, 2], 0.3 / 3), scale, 0.3)).toBe("walking");
  });
  it("judges a minibatch round by the truth, not by the noisy felt loss", () => {
    let w = startWalk(fp(5), 30, { loss: 5, grad: [1, 0] });
    w = recordStep(w, [0, 0], 0.3, { felt: { loss: 0.05, grad: [1, 0] }, truth: { loss: 0.9, grad: [1, 0] }, inside: true, explodesAbove: 100 });
    expect(liveState(w, scale, 0.3)).toBe("walking");
  });
  it("bins altitudes on a log scale and keeps every walker", () => {
    const h = altitudeHistogram([1, 1.1, 5, 10, 100, 0.5], 1, 10, 5);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(h.counts[0]).toBe(3); // 0.5 clamps to the lowest bin
    expect(h.counts[4]).toBe(2); // 10 and 100 clamp to the highest
    expect(h.edges[0]).toBeCloseTo(1);
    expect(h.edges[5]).toBeCloseTo(10);
  });
});
