// Path labels on the map: labels of paths that end close together ("Ghost Adam" and "Ghost GD")
// never overlap, each stays inside the canvas, and one alone stays beside its path's end.
import { describe, expect, it } from "vitest";
import { placeLabels, type LabelRequest } from "../../../app/_components/map/labels";

const overlap = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe("placeLabels", () => {
  it("puts a lone label just right of and above its anchor", () => {
    const spot = placeLabels([{ id: "a", ax: 100, ay: 100, w: 40, h: 14 }], 500, 500).get("a")!;
    expect(spot).toEqual({ x: 106, y: 84, displaced: false });
  });

  it("keeps labels of paths ending at the same spot apart, inside the canvas", () => {
    const reqs: LabelRequest[] = ["Ghost Adam", "Ghost GD", "Ghost Momentum", "Ada", "Grace", "Alan"].map((id, i) => ({ id, ax: 300 + (i % 2), ay: 200, w: 8 * id.length, h: 15 }));
    const spots = placeLabels(reqs, 640, 480);
    const boxes = reqs.map((r) => ({ ...spots.get(r.id)!, w: r.w, h: r.h }));
    for (let i = 0; i < boxes.length; i++) {
      const b = boxes[i]!;
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.w).toBeLessThanOrEqual(640);
      expect(b.y + b.h).toBeLessThanOrEqual(480);
      for (let j = 0; j < i; j++) expect(overlap(b, boxes[j]!), `${reqs[i]!.id} over ${reqs[j]!.id}`).toBe(false);
    }
  });

  it("moves a label off the canvas's edge", () => {
    const spot = placeLabels([{ id: "a", ax: 635, ay: 5, w: 60, h: 14 }], 640, 480).get("a")!;
    expect(spot.x + 60).toBeLessThanOrEqual(640);
    expect(spot.y).toBeGreaterThanOrEqual(0);
  });
});
