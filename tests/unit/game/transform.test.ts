// A round's window: inverse pairs, slopes that turn like vectors (checked against finite
// differences of the real bowl's loss seen through the window), and a round grid that is the
// field grid's crop, turned, cell for cell.
import { describe, expect, it } from "vitest";
import { computeGrid, createSliceEvaluator, fieldOf, getRecipe } from "../../../lib/landscape";
import { directionToSlice, pickStart, roundGrid, roundMapOf, slopeToPlayer, toPlayer, toSlice, turnMatrix, turnOfSeed, windowOf, type MapTurn, type RoundMap } from "../../../lib/game/transform";
import { build } from "../landscape/fixtures";

const TURNS: MapTurn[] = [0, 1, 2, 3, 4, 5, 6, 7];
const extent = { x: [-2, 2] as [number, number], y: [-2, 2] as [number, number] };
const map = (turn: MapTurn, cells: [number, number] = [3, -2], spacing = 0.1): RoundMap => ({ turn, cells, spacing, extent });

describe("round maps", () => {
  it("turn by the eight distinct orthogonal symmetries of the square", () => {
    const seen = new Set(TURNS.map((t) => turnMatrix(t).join(",")));
    expect(seen.size).toBe(8);
    for (const t of TURNS) {
      const [a, b, c, d] = turnMatrix(t);
      expect(a * a + c * c).toBe(1);
      expect(a * b + c * d).toBe(0);
      expect(Math.abs(a * d - b * c)).toBe(1);
    }
    expect(turnOfSeed(-3)).toBe(5);
    expect(turnOfSeed(8)).toBe(0);
  });
  it("come from the seed, with shifts that cover the margin and stay inside it", () => {
    const maps = Array.from({ length: 400 }, (_, s) => roundMapOf(s, extent, 5, 0.1));
    expect(new Set(maps.map((m) => m.turn)).size).toBe(8);
    const cells = maps.flatMap((m) => m.cells);
    expect(Math.min(...cells)).toBe(-5);
    expect(Math.max(...cells)).toBe(5);
    expect(roundMapOf(7, extent, 5, 0.1)).toEqual(roundMapOf(7, extent, 5, 0.1));
    expect(roundMapOf(7, extent, 0, 0.1).cells).toEqual([0, 0]);
  });
  it("map a point to the player and back, and shift the window on the landscape", () => {
    for (const t of TURNS) {
      const m = map(t);
      const p = toPlayer(m, [0.3, -1.7]);
      const q = toSlice(m, p);
      expect(q[0]).toBeCloseTo(0.3, 14);
      expect(q[1]).toBeCloseTo(-1.7, 14);
      const u = directionToSlice(t, slopeToPlayer(t, [0.6, 0.8]));
      expect(u[0]).toBeCloseTo(0.6, 14);
      expect(u[1]).toBeCloseTo(0.8, 14);
      // The map's centre shows the landscape at the window's centre.
      expect(toSlice(m, [0, 0])[0]).toBeCloseTo(0.3, 14);
      expect(toSlice(m, [0, 0])[1]).toBeCloseTo(-0.2, 14);
    }
    expect(windowOf(map(0)).x[0]).toBeCloseTo(-1.7, 14);
  });
  it("turn the slope like a vector: the felt slope is the gradient of the loss seen in player coordinates", () => {
    const r = getRecipe("bowl");
    const { slice, dataset } = build(r);
    const ev = createSliceEvaluator(slice, dataset);
    const h = 1e-6;
    for (const t of TURNS) {
      const m = { ...map(t), extent: r.extent };
      const lossP = (x: number, y: number) => { const q = toSlice(m, [x, y]); return ev.lossAt(q[0], q[1]); };
      const p: [number, number] = [0.7, -0.4];
      const q = toSlice(m, p);
      const g = slopeToPlayer(t, ev.felt(q[0], q[1]).grad);
      expect(g[0]).toBeCloseTo((lossP(p[0] + h, p[1]) - lossP(p[0] - h, p[1])) / (2 * h), 6);
      expect(g[1]).toBeCloseTo((lossP(p[0], p[1] + h) - lossP(p[0], p[1] - h)) / (2 * h), 6);
    }
  });
  it("crop and turn the field grid into the round's grid, cell for cell", () => {
    const r = { ...getRecipe("bowl"), shift: 0.5 };
    const { slice, dataset } = build(r);
    const ev = createSliceEvaluator(slice, dataset);
    const size = 9;
    const f = fieldOf(r, size);
    expect(f.margin).toBe(2);
    const field = computeGrid(ev, f.size, f.extent);
    for (const t of TURNS) {
      for (const cells of [[0, 0], [2, -1], [-2, 2]] as [number, number][]) {
        const m: RoundMap = { turn: t, cells, spacing: f.spacing, extent: r.extent };
        const g = roundGrid(m, field, f.margin);
        expect(g.size).toBe(size);
        for (let j = 0; j < size; j++) for (let i = 0; i < size; i++) {
          const p: [number, number] = [r.extent.x[0] + i * f.spacing, r.extent.y[0] + j * f.spacing];
          const q = toSlice(m, p);
          expect(g.values[j * size + i]).toBeCloseTo(Math.fround(ev.lossAt(q[0], q[1])), 4);
        }
        const q = toSlice(m, [g.min.x, g.min.y]);
        expect(ev.lossAt(q[0], q[1])).toBeCloseTo(g.min.loss, 4);
      }
    }
  });
});

describe("pickStart", () => {
  it("takes the first high start in the seed's order, else the highest", () => {
    expect(pickStart(2, [5, 5, 1, 5], 1)).toBe(3);
    expect(pickStart(1, [5, 3, 1, 5], 1)).toBe(1);
    expect(pickStart(0, [1.1, 1.4, 1.2], 1)).toBe(1);
  });
});
