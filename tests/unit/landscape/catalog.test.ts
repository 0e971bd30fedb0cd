// The catalog as a player meets it: valid recipes, and on every built landscape the ghost with
// the suggested learning rate makes real progress from every start within the default budget.
import { beforeAll, describe, expect, it } from "vitest";
import { CATALOG, getRecipe } from "../../../lib/landscape/catalog";
import { runGhost } from "../../../lib/landscape/ghost";
import { computeGrid } from "../../../lib/landscape/grid";
import { canonicalJson, recipeHash } from "../../../lib/landscape/recipe";
import { createSliceEvaluator, type SliceEvaluator } from "../../../lib/landscape/slice";
import { LandscapeError } from "../../../lib/landscape/types";
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
  });
});

describe("catalog landscapes, built", () => {
  const built = new Map<string, { ev: SliceEvaluator; min: number }>();
  beforeAll(() => {
    for (const r of CATALOG) {
      const { slice, dataset } = build(r);
      const ev = createSliceEvaluator(slice, dataset);
      built.set(r.id, { ev, min: computeGrid(ev, 33, r.extent).min.loss });
    }
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
