// The reveal's budget for the slices walkers turned onto: a few are mapped finely, many coarsely.
import { describe, expect, it } from "vitest";
import { turnedGridSize, TURNED_GRID_MIN, TURNED_GRID_SIZE, TURNED_POINTS_BUDGET } from "../../../server/rooms/reveal";

describe("the reveal's budget for turned slices", () => {
  it("maps a few slices finely and many coarsely, always odd (the origin on a grid point), within bounds", () => {
    expect(turnedGridSize(1)).toBe(TURNED_GRID_SIZE);
    expect(turnedGridSize(3)).toBe(TURNED_GRID_SIZE);
    for (const n of [1, 2, 5, 24, 90, 300, 10_000]) {
      const side = turnedGridSize(n);
      expect(side % 2).toBe(1);
      expect(side).toBeGreaterThanOrEqual(TURNED_GRID_MIN);
      expect(side).toBeLessThanOrEqual(TURNED_GRID_SIZE);
      if (side > TURNED_GRID_MIN) expect(n * side * side).toBeLessThanOrEqual(TURNED_POINTS_BUDGET);
    }
    expect(turnedGridSize(90)).toBe(39); // a class of 30 that each turned three times
  });
});
