import { describe, expect, it } from "vitest";
import { altitudeT, inValley, learnedScore, learnedShare, valleyLevel, valleyTolerance } from "../../../lib/game/altitude";

const scale = { min: 0.1, chance: 1.1, max: 10 };

describe("the altitude scale", () => {
  it("puts the valley's edge at 10 % of the gap from chance down to the lowest point", () => {
    expect(valleyTolerance(scale)).toBeCloseTo(0.1, 15);
    expect(valleyLevel(scale)).toBeCloseTo(0.2, 15);
    expect(inValley(scale, 0.2)).toBe(true);
    expect(inValley(scale, 0.2001)).toBe(false);
    expect(inValley(scale, Number.NaN)).toBe(false);
  });
  it("colours on a log scale of the excess loss, 0 at the bottom and 1 at the top", () => {
    expect(altitudeT(scale, 0.1)).toBe(0);
    expect(altitudeT(scale, 10)).toBeCloseTo(1, 12);
    expect(altitudeT(scale, 0.2)).toBeCloseTo(Math.log(2) / Math.log(1 + 9.9 / 0.1), 12);
    expect(altitudeT(scale, null)).toBe(1);
    expect(altitudeT(scale, 1e9)).toBe(1);
  });
  it("measures learning between chance and the bottom", () => {
    expect(learnedShare(scale, 1.1)).toBe(0);
    expect(learnedShare(scale, 0.6)).toBeCloseTo(0.5, 12);
    expect(learnedScore(scale, 0.1)).toBe(1);
    expect(learnedScore(scale, 1.1)).toBeCloseTo(0, 12);
    expect(learnedScore(scale, 5)).toBe(0);
  });
  it("still has a valley on a map whose lowest point is above chance", () => {
    const odd = { min: 2, chance: 1, max: 5 };
    expect(valleyTolerance(odd)).toBeGreaterThan(0);
    expect(inValley(odd, 2)).toBe(true);
  });
});
