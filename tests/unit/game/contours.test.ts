import { describe, expect, it } from "vitest";
import { contourLevels, contourSegments } from "../../../lib/game/contours";
import { logT, rampColor, rampRgb } from "../../../lib/game/colormap";

function bowl(size: number): Float32Array {
  const v = new Float32Array(size * size);
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) {
    const x = (c / (size - 1)) * 2 - 1, y = (r / (size - 1)) * 2 - 1;
    v[r * size + c] = x * x + y * y;
  }
  return v;
}

describe("contours", () => {
  it("draws a circle for a level of a bowl, every point on the level set", () => {
    const size = 65;
    const segs = contourSegments(bowl(size), size, 0.25);
    expect(segs.length).toBeGreaterThan(40);
    for (const [x1, y1] of segs) {
      const x = (x1 / (size - 1)) * 2 - 1, y = (y1 / (size - 1)) * 2 - 1;
      expect(Math.hypot(x, y)).toBeCloseTo(0.5, 1);
    }
  });
  it("has no segments for a level outside the values, and skips non-finite cells", () => {
    const size = 9;
    const v = bowl(size);
    expect(contourSegments(v, size, 10)).toHaveLength(0);
    v.fill(Number.NaN);
    expect(contourSegments(v, size, 0.5)).toHaveLength(0);
  });
  it("spaces levels strictly between min and max, increasing", () => {
    const levels = contourLevels(bowl(33), 8);
    expect(levels).toHaveLength(8);
    for (let i = 1; i < levels.length; i++) expect(levels[i]!).toBeGreaterThan(levels[i - 1]!);
    expect(levels[0]!).toBeGreaterThan(0);
    expect(levels[7]!).toBeLessThan(2);
  });
});

describe("colormap", () => {
  it("maps the valley to 0, the top to 1 and clamps", () => {
    expect(logT(1, 1, 10)).toBeCloseTo(0, 6);
    expect(logT(10, 1, 10)).toBeCloseTo(1, 6);
    expect(logT(null, 1, 10)).toBe(1);
    expect(rampRgb(-1)).toEqual(rampRgb(0));
    expect(rampColor(2)).toBe(rampColor(1));
  });
});
