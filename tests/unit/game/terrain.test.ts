// Reading the ground from a ring, on shapes whose answer is known by hand.
import { describe, expect, it } from "vitest";
import { compassOf, readShape, ringPoints, type Shape } from "../../../lib/game/terrain";

const scale = { min: 0, chance: 1, max: 10 }; // level = 0.1·tol = 0.01
const r = 0.5;
/** The ring of f around (0, 0) and f's value and gradient there (by hand). */
function read(f: (x: number, y: number) => number, g: [number, number]): { shape: Shape; rise: string | null; fall: string | null } {
  const ring = ringPoints(0, 0, r).map(([x, y]) => f(x, y));
  const s = readShape(scale, f(0, 0), g, ring, r);
  return { shape: s.shape, rise: s.steepestRise, fall: s.steepestFall };
}

describe("readShape", () => {
  it("a saddle: up along y, down along x", () => {
    expect(read((x, y) => 1 + y * y - x * x, [0, 0])).toEqual({ shape: "saddle", rise: "north", fall: "east" });
  });
  it("a minimum: up all round", () => {
    expect(read((x, y) => x * x + 2 * y * y, [0, 0]).shape).toBe("minimum");
  });
  it("a valley floor: walls across, a gentle fall along", () => {
    // z = 4x² + 0.1·y: the slope's share (0.05) is smaller than the walls' curvature (1).
    expect(read((x, y) => 4 * x * x + 0.1 * y, [0, 0.1])).toEqual({ shape: "floor", rise: "east", fall: "south" });
  });
  it("a plain slope, where the slope's share beats the curvature's", () => {
    expect(read((x, y) => 2 * x + 0.01 * y * y, [2, 0]).shape).toBe("slope");
  });
  it("a plateau: level within the tolerance", () => {
    expect(read((x, y) => 0.001 * (x + y), [0.001, 0.001]).shape).toBe("plateau");
  });
  it("a top: down all round", () => {
    expect(read((x, y) => -(x * x + y * y), [0, 0]).shape).toBe("peak");
  });
  it("names directions by the compass", () => {
    expect(compassOf([0, 1])).toBe("north");
    expect(compassOf([-1, -1])).toBe("south-west");
  });
});
