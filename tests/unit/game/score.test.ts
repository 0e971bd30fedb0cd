// The score by hand on a made-up scale; the properties on the real landscapes are in
// rules-on-landscapes.test.ts.
import { describe, expect, it } from "vitest";
import { scoreWalk } from "../../../lib/game/score";

const scale = { min: 0.1, chance: 1.1, max: 10 }; // tol = 0.1·(1.1 − 0.1) = 0.1

describe("scoreWalk", () => {
  it("is 1000·(1 − ln(1 + e/tol) / ln(1 + (chance − min)/tol)) for excess loss e", () => {
    expect(scoreWalk({ scale, finalLoss: 0.1, steps: 3 })).toBe(1000);
    expect(scoreWalk({ scale, finalLoss: 0.2, steps: 3 })).toBe(Math.round(1000 * (1 - Math.log(2) / Math.log(11)))); // the valley's edge: 711
    expect(scoreWalk({ scale, finalLoss: 0.6, steps: 3 })).toBe(Math.round(1000 * (1 - Math.log(6) / Math.log(11))));
  });
  it("is 0 at or above chance, for no step, and for a walk that ended off the map", () => {
    expect(scoreWalk({ scale, finalLoss: 1.1, steps: 3 })).toBe(0);
    expect(scoreWalk({ scale, finalLoss: 7, steps: 3 })).toBe(0);
    expect(scoreWalk({ scale, finalLoss: 0.1, steps: 0 })).toBe(0);
    expect(scoreWalk({ scale, finalLoss: null, steps: 3 })).toBe(0);
  });
  it("counts below the map's lowest grid point as the bottom", () => {
    expect(scoreWalk({ scale, finalLoss: 0.05, steps: 3 })).toBe(1000);
  });
  it("does not depend on steps or budget: the same place scores the same", () => {
    expect(scoreWalk({ scale, finalLoss: 0.3, steps: 3 })).toBe(scoreWalk({ scale, finalLoss: 0.3, steps: 300 }));
  });
});
