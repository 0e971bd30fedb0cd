// The heatmap: low loss is dark (viridis' purple), high loss bright (yellow), y grows upwards,
// non-finite cells are dark red, contour pixels appear, and the minimum gets a ring.
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { assembleGrid } from "../../../lib/landscape";
import { renderHeatmap } from "../../../server/cli/heatmap";

const SIZE = 8;
function grid(withInfinity: boolean) {
  const values = new Float32Array(SIZE * SIZE);
  for (let j = 0; j < SIZE; j++) for (let i = 0; i < SIZE; i++) values[j * SIZE + i] = Math.exp(i + j) * 1e-3;
  if (withInfinity) values[SIZE - 1] = Infinity; // i = 7, j = 0: bottom right
  return assembleGrid(values, SIZE, { x: [-1, 1], y: [-1, 1] });
}
const pixel = (png: PNG, px: number, py: number) => Array.from(png.data.subarray(4 * (py * png.width + px), 4 * (py * png.width + px) + 4));

describe("renderHeatmap", () => {
  it("maps log-loss to viridis with y upwards and marks non-finite cells", () => {
    const png = PNG.sync.read(renderHeatmap(grid(true), { scale: 8, levels: 0, markMinimum: false }));
    expect([png.width, png.height]).toEqual([64, 64]);
    expect(pixel(png, 1, 62)).toEqual([68, 1, 84, 255]); // lowest loss, bottom left
    expect(pixel(png, 62, 1)).toEqual([253, 231, 37, 255]); // highest loss, top right
    expect(pixel(png, 63, 63)).toEqual([110, 0, 20, 255]); // the infinite cell
  });

  it("draws contour lines and a ring at the minimum", () => {
    const plain = PNG.sync.read(renderHeatmap(grid(false), { scale: 8, levels: 0, markMinimum: false }));
    const lined = PNG.sync.read(renderHeatmap(grid(false), { scale: 8, levels: 6, markMinimum: false }));
    const ringed = PNG.sync.read(renderHeatmap(grid(false), { scale: 8, levels: 0 }));
    const differing = (a: PNG, b: PNG) => {
      let n = 0;
      for (let k = 0; k < a.data.length; k += 4) if (a.data[k] !== b.data[k] || a.data[k + 1] !== b.data[k + 1]) n++;
      return n;
    };
    expect(differing(plain, lined)).toBeGreaterThan(30);
    expect(differing(plain, ringed)).toBeGreaterThan(10);
    expect(pixel(ringed, 63, 0)).toEqual(pixel(plain, 63, 0)); // the ring stays near the minimum (bottom left)
  });
});
