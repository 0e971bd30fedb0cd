// Decision regions against an independent recomputation: every cell's class is the argmax of a plain
// float64 forward pass at the cell's centre (reference-forward.ts), its confidence level the same
// mapping of the reference probability, on the three 2-D catalog landscapes built by real
// training, at spots on the map and off it; and a picture known by hand.
import { beforeAll, describe, expect, it } from "vitest";
import { CATALOG } from "../../../lib/landscape/catalog";
import {
  CONFIDENCE_LEVELS,
  cellByte,
  cellCentre,
  createRegionsEvaluator,
  dataPoints,
  majorityShare,
  quantisedPoints,
  REGIONS_SIZE,
  regionsBox,
  type RegionsEvaluator,
} from "../../../lib/landscape/regions";
import type { Dataset, Slice } from "../../../lib/landscape/types";
import { decodeBytes, encodeBytes } from "../../../lib/protocol/grid-codec";
import { build } from "./fixtures";
import { referenceNetwork } from "./reference-forward";

const TWO_D = CATALOG.filter((r) => r.dataset.kind === "synthetic");

/** The reference's level for probability p of C classes: the documented mapping, computed here. */
function level(p: number, C: number): number {
  return Math.min(15, Math.max(0, Math.round(((p - 1 / C) / (1 - 1 / C)) * 15)));
}

describe("decision regions against an independent forward pass, on the 2-D catalog landscapes", () => {
  const built = new Map<string, { slice: Slice; dataset: Dataset; wasm: RegionsEvaluator; js: RegionsEvaluator }>();
  beforeAll(() => {
    for (const r of TWO_D) {
      const { slice, dataset } = build(r);
      built.set(r.id, { slice, dataset, wasm: createRegionsEvaluator(slice, dataset)!, js: createRegionsEvaluator(slice, dataset, { kernels: "js" })! });
    }
  }, 120_000);

  it("covers the three 2-D sets (XOR, spiral, moons)", () => {
    expect(TWO_D.map((r) => r.dataset.kind === "synthetic" && r.dataset.shape).sort()).toEqual(["moons", "spiral", "xor"]);
  });

  describe.each(TWO_D.map((r) => [r.id, r] as const))("%s", (id, recipe) => {
    it("the box is square and holds every data point inside its edges", () => {
      const { dataset, wasm } = built.get(id)!;
      const b = wasm.box;
      expect(b.x[1] - b.x[0]).toBeCloseTo(b.y[1] - b.y[0], 12);
      for (const [u, v] of dataPoints(dataset)) {
        expect(u).toBeGreaterThan(b.x[0]);
        expect(u).toBeLessThan(b.x[1]);
        expect(v).toBeGreaterThan(b.y[0]);
        expect(v).toBeLessThan(b.y[1]);
      }
    });

    it("every cell is the reference's class at its centre, its confidence within one level, in both kernels", () => {
      const { slice, wasm, js } = built.get(id)!;
      const e = recipe.extent;
      const spots: [number, number][] = [[0, 0], recipe.starts[0]!, [e.x[1], e.y[1]], [3 * e.x[0], 2 * e.y[1]]];
      const size = wasm.size;
      expect(size).toBe(REGIONS_SIZE);
      const classes = new Set<number>();
      for (const [x, y] of spots) {
        const pic = wasm.at(x, y);
        const other = js.at(x, y);
        expect(pic.cells).toHaveLength(size * size);
        const net = referenceNetwork(slice, x, y);
        let ties = 0, mismatched = 0;
        for (let j = 0; j < size; j++) {
          for (let i = 0; i < size; i++) {
            const c = pic.cells[j * size + i]!;
            const r = net([cellCentre(pic.box.x[0], pic.box.x[1], size, i), cellCentre(pic.box.y[0], pic.box.y[1], size, j)]);
            classes.add(c >> 4);
            expect(other.cells[j * size + i]! >> 4).toBe(c >> 4);
            if (r.margin <= 1e-9) { ties++; continue; }
            if (c >> 4 !== r.cls) mismatched++;
            expect(Math.abs((c & 15) - level(r.p, 2)), `cell (${i}, ${j}) at (${x}, ${y})`).toBeLessThanOrEqual(1);
          }
        }
        expect(mismatched, `at (${x}, ${y}), ${ties} near-ties`).toBe(0);
      }
      expect([...classes].sort()).toEqual([0, 1]); // somewhere on these spots both classes are drawn
    });

    it("is a function of the spot alone: the same spot gives the same bytes", () => {
      const { wasm } = built.get(id)!;
      const a = wasm.at(0.12, -0.34).cells, b = wasm.at(0.5, 0.5).cells, c = wasm.at(0.12, -0.34).cells;
      expect(Array.from(c)).toEqual(Array.from(a));
      expect(Array.from(b)).not.toEqual(Array.from(a));
    });
  });

  it("has no picture for a dataset that is not 2-D", () => {
    const bowl = CATALOG.find((r) => r.id === "bowl")!;
    const { slice, dataset } = build(bowl);
    expect(createRegionsEvaluator(slice, dataset)).toBeNull();
    expect(() => regionsBox(dataset)).toThrow(/2-D/);
  });
});

describe("a picture known by hand", () => {
  // One linear layer: logits (0, (1 − 2x)·u₁); class 1 exactly where (1 − 2x)·u₁ > 0.
  const slice: Slice = {
    spec: { layers: [{ in: 2, out: 2, activation: "linear" }], loss: "softmax_cross_entropy" },
    center: new Float64Array([0, 1, 0, 0, 0, 0]),
    d1: new Float64Array([0, -2, 0, 0, 0, 0]),
    d2: new Float64Array(6),
  };
  // Points whose bounding box is [−2, 2] × [−1, 1]: the square box is [−2.2, 2.2]².
  const ds: Dataset = { name: "hand", credit: "", n: 4, d: 2, x: new Float64Array([-2, 0, 2, 0, 0, -1, 0, 1]), y: new Float64Array([0, 1, 0, 1]), classes: 2 };

  it.each(["wasm", "js"] as const)("right half class 1 at (0, 0), left half at (1, 0), sure in proportion to |u₁| (%s)", (kernels) => {
    const ev = createRegionsEvaluator(slice, ds, { size: 4, kernels })!;
    expect(ev.box).toEqual({ x: [-2.2, 2.2], y: [-2.2, 2.2] });
    // Cell centres in u₁: −1.65, −0.55, 0.55, 1.65; p = 1/(1 + e^−|u₁|).
    const lv = [1.65, 0.55, 0.55, 1.65].map((u) => level(1 / (1 + Math.exp(-u)), 2));
    const row0 = [0 << 4 | lv[0]!, 0 << 4 | lv[1]!, 1 << 4 | lv[2]!, 1 << 4 | lv[3]!];
    const a = ev.at(0, 0);
    for (let j = 0; j < 4; j++) expect(Array.from(a.cells.subarray(4 * j, 4 * j + 4))).toEqual(row0);
    const flipped = [1 << 4 | lv[0]!, 1 << 4 | lv[1]!, 0 << 4 | lv[2]!, 0 << 4 | lv[3]!];
    expect(Array.from(ev.at(1, 0).cells.subarray(0, 4))).toEqual(flipped);
    // At x = 0.5 every logit is 0: a toss-up everywhere, class 0 (ties go to the first), level 0.
    expect(Array.from(ev.at(0.5, 0).cells)).toEqual(new Array(16).fill(0));
  });

  it("maps confidence onto 16 levels: a toss-up is 0, certainty 15, NaN 0", () => {
    expect(CONFIDENCE_LEVELS).toBe(16);
    expect(cellByte(1, 0.5, 2)).toBe(16);
    expect(cellByte(1, 1, 2)).toBe(31);
    expect(cellByte(0, 0.75, 2)).toBe(8); // halfway: 7.5 rounds to 8
    expect(cellByte(3, 1 / 3, 3)).toBe(48);
    expect(cellByte(0, Number.NaN, 2)).toBe(0);
  });
});

describe("what every picture of a dataset shares", () => {
  const ds: Dataset = { name: "hand", credit: "", n: 5, d: 2, x: new Float64Array([-2, 0, 2, 0, 0, -1, 0, 1, 1.99, 0.99]), y: new Float64Array([0, 1, 1, 1, 0]), classes: 2 };
  it("chance is the most common class's share", () => {
    expect(majorityShare(ds)).toBe(3 / 5);
    expect(majorityShare({ ...ds, y: new Float64Array([0, 1, 2, 2, 1]), classes: 3 })).toBe(2 / 5);
  });
  it("points are 3 bytes each: column and row of 256 in the box, then the class", () => {
    const box = regionsBox(ds); // [−2.2, 2.2]²: a byte is 4.4/256 wide
    const q = (v: number) => Math.floor(((v + 2.2) / 4.4) * 256);
    expect(Array.from(quantisedPoints(ds, box))).toEqual([q(-2), q(0), 0, q(2), q(0), 1, q(0), q(-1), 1, q(0), q(1), 1, q(1.99), q(0.99), 0]);
  });
  it("bytes travel as base64 and come back whole", () => {
    const bytes = Uint8Array.from({ length: 1024 }, (_, i) => (i * 37) & 255);
    expect(Array.from(decodeBytes(encodeBytes(bytes)))).toEqual(Array.from(bytes));
  });
});
