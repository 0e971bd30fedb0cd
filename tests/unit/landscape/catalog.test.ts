// The catalog as a player meets it: valid recipes, and on every built landscape the ghost with
// the suggested learning rate makes real progress from every start within the default budget.
import { beforeAll, describe, expect, it } from "vitest";
import { CATALOG, getRecipe } from "../../../lib/landscape/catalog";
import { runGhost } from "../../../lib/landscape/ghost";
import { computeGrid, fieldOf } from "../../../lib/landscape/grid";
import { canonicalJson, recipeHash } from "../../../lib/landscape/recipe";
import { createSliceEvaluator, type SliceEvaluator } from "../../../lib/landscape/slice";
import { LandscapeError } from "../../../lib/landscape/types";
import { dot } from "../../../lib/landscape/vec";
import { START_ABOVE_CHANCE } from "../../../lib/game/transform";
import { build } from "./fixtures";

describe("catalog recipes", () => {
  it("holds the six required landscapes with unique ids", () => {
    const ids = CATALOG.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ["bowl", "ravine", "saddle", "two-valleys", "chaos"]) expect(ids).toContain(id);
    expect(ids.length).toBeGreaterThanOrEqual(6);
  });

  it("getRecipe names the valid ids when it fails", () => {
    expect(getRecipe("bowl").id).toBe("bowl");
    try {
      getRecipe("x");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LandscapeError);
      expect((e as LandscapeError).code).toBe("unknown_landscape");
      expect((e as Error).message).toBe(`No landscape called "x". Try: ${CATALOG.map((r) => r.id).join(", ")}.`);
    }
  });

  it("hashes recipes stably, whatever the key order, and sees any change", () => {
    const r = getRecipe("saddle");
    const reordered = JSON.parse(canonicalJson(r)) as typeof r;
    expect(recipeHash(reordered)).toBe(recipeHash(r));
    expect(recipeHash(r)).toMatch(/^[0-9a-f]{14}$/);
    expect(recipeHash({ ...r, seed: r.seed + 1 })).not.toBe(recipeHash(r));
    expect(new Set(CATALOG.map(recipeHash)).size).toBe(CATALOG.length);
  });

  it.each(CATALOG.map((r) => [r.id, r] as const))("%s: settings are coherent", (_id, r) => {
    expect(r.lr.min).toBeLessThan(r.lr.suggested);
    expect(r.lr.suggested).toBeLessThan(r.lr.max);
    expect(r.defaultBudget).toBeGreaterThanOrEqual(20);
    expect(r.defaultBudget).toBeLessThanOrEqual(60);
    expect(r.starts.length).toBeGreaterThanOrEqual(3);
    expect(r.starts.length).toBeLessThanOrEqual(5);
    for (const [x, y] of r.starts) {
      expect(x > r.extent.x[0] && x < r.extent.x[1] && y > r.extent.y[0] && y < r.extent.y[1]).toBe(true);
    }
    expect(r.lesson.length).toBeLessThan(120);
    // Square and centred on the origin: each round turns the map by a symmetry of the square.
    expect(r.extent.x[1] - r.extent.x[0]).toBe(r.extent.y[1] - r.extent.y[0]);
    expect(r.extent.x[0] + r.extent.x[1]).toBe(0);
    expect(r.extent.y[0] + r.extent.y[1]).toBe(0);
  });
});

describe("catalog landscapes, built", () => {
  const built = new Map<string, { ev: SliceEvaluator; min: number; grid: ReturnType<typeof computeGrid>; slice: ReturnType<typeof build>["slice"] }>();
  beforeAll(() => {
    for (const r of CATALOG) {
      const { slice, dataset } = build(r);
      const ev = createSliceEvaluator(slice, dataset);
      const grid = computeGrid(ev, 33, r.extent);
      built.set(r.id, { ev, min: grid.min.loss, grid, slice });
    }
  });

  it.each(CATALOG.map((r) => [r.id, r] as const))("%s: however a round shifts its window, the lowest point stays well inside it and two starts stand high", (id, r) => {
    const { ev, slice } = built.get(id)!;
    const f = fieldOf(r, 33);
    const field = computeGrid(ev, f.size, f.extent);
    const reach = f.margin * f.spacing;
    const half = (r.extent.x[1] - r.extent.x[0]) / 2;
    // A sixth of the half-width from any edge of any window, give or take a cell of this coarse grid.
    expect(Math.abs(field.min.x) + reach).toBeLessThan((5 / 6) * half + f.spacing);
    expect(Math.abs(field.min.y) + reach).toBeLessThan((5 / 6) * half + f.spacing);
    for (const sx of [-reach, 0, reach]) for (const sy of [-reach, 0, reach]) {
      const high = r.starts.filter(([x, y]) => ev.lossAt(x + sx, y + sy) >= START_ABOVE_CHANCE * slice.info.chance);
      expect(high.length).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(CATALOG.map((r) => [r.id, r] as const))("%s: the map's axes are orthogonal and its lowest point lies inside it, not on its edge", (id, r) => {
    const { slice, grid } = built.get(id)!;
    const cos = dot(slice.d1, slice.d2) / Math.sqrt(dot(slice.d1, slice.d1) * dot(slice.d2, slice.d2));
    expect(Math.abs(cos)).toBeLessThan(1e-9);
    const edge = (v: number, [a, b]: [number, number]) => Math.abs(v - a) < 1e-9 || Math.abs(v - b) < 1e-9;
    expect(edge(grid.min.x, r.extent.x) || edge(grid.min.y, r.extent.y)).toBe(false);
  });

  it.each(CATALOG.map((r) => [r.id, r] as const))("%s: plain GD at the suggested lr makes real progress from every start", (id, r) => {
    const { ev, min } = built.get(id)!;
    for (const start of r.starts) {
      const path = runGhost(ev, start, { optimizer: "gd", lr: r.lr.suggested, steps: r.defaultBudget, extent: r.extent });
      const first = path[0]!.loss;
      const last = path[path.length - 1]!;
      expect(Number.isFinite(first)).toBe(true);
      expect(first - min).toBeGreaterThan(1); // a high start, well above the floor
      expect(last.end).toBeUndefined(); // stayed on the map, finite, for the whole budget
      expect(path.length).toBe(r.defaultBudget + 1);
      // at least 40 % of the way from the start's altitude down to the lowest point of the map
      expect(last.loss).toBeLessThan(first - 0.4 * (first - min));
    }
  });
});
