import { describe, expect, it } from "vitest";
import { progress, scoreWalk } from "../../../lib/game/score";

describe("scoring", () => {
  it("is the fraction of the drop from start to the lowest altitude", () => {
    expect(progress(10, 6, 2)).toBeCloseTo(0.5, 12);
    expect(progress(10, 1, 2)).toBe(1); // below the grid's minimum still counts as all the way
    expect(progress(10, 12, 2)).toBe(0); // uphill is no progress
  });
  it("rewards getting lower first and fewer steps second", () => {
    const base = { startLoss: 10, minLoss: 2, budget: 30, diverged: false };
    const valleyFast = scoreWalk({ ...base, finalLoss: 2, steps: 10 });
    const valleySlow = scoreWalk({ ...base, finalLoss: 2, steps: 30 });
    const halfway = scoreWalk({ ...base, finalLoss: 6, steps: 5 });
    expect(valleyFast).toBe(900);
    expect(valleySlow).toBe(700);
    expect(halfway).toBe(475);
    expect(valleySlow).toBeGreaterThan(halfway);
  });
  it("gives a diverged walk nothing", () => {
    expect(scoreWalk({ startLoss: 10, minLoss: 2, budget: 30, diverged: true, finalLoss: null, steps: 3 })).toBe(0);
  });
});
