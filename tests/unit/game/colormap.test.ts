// The one altitude ramp (viridis) shared by the game's views and the CLI's PNG heatmap.
import { describe, expect, it } from "vitest";
import { rampColor, rampInto, rampRgb } from "../../../lib/game/colormap";

describe("altitude ramp", () => {
  it("is viridis: purple valley, teal middle, yellow top", () => {
    expect(rampRgb(0)).toEqual([68, 1, 84]);
    expect(rampRgb(0.5)).toEqual([33, 145, 140]);
    expect(rampRgb(1)).toEqual([253, 231, 37]);
    expect(rampColor(1)).toBe(0xfde725);
  });

  it("interpolates between samples, clamps, and treats non-finite t as the top", () => {
    expect(rampRgb(0.05)).toEqual([70, 19, 101]);
    expect(rampRgb(-3)).toEqual(rampRgb(0));
    expect(rampRgb(Number.NaN)).toEqual(rampRgb(1));
  });

  it("writes into a pixel buffer at an offset, as rampRgb returns", () => {
    const out = new Uint8Array(8);
    rampInto(0.37, out, 4);
    expect(Array.from(out.subarray(4, 7))).toEqual(rampRgb(0.37));
    expect(Array.from(out.subarray(0, 4))).toEqual([0, 0, 0, 0]);
  });
});
