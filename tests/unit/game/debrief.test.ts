import { describe, expect, it } from "vitest";
import { biggestOvershoot, classifyPath, debriefNotes, distinctValleys, type DebriefPath } from "../../../lib/game/debrief";
import type { Footprint } from "../../../lib/protocol/common";

const land = { extent: { x: [-1, 1] as [number, number], y: [-1, 1] as [number, number] }, minLoss: 0, suggestedLr: 0.5 };
const fp = (x: number, y: number, loss: number | null, g = 1): Footprint => ({ x, y, loss, grad: [g, 0] });
const path = (over: Partial<DebriefPath>): DebriefPath => ({
  playerId: "p", nickname: "Ada", ghost: null, footprints: [fp(0, 0, 10)], lrs: [], diverged: false, startLoss: 10, finalLoss: 10, ...over,
});

describe("classifyPath", () => {
  it("names the valley, a divergence, a stall and a crawl", () => {
    expect(classifyPath(path({ footprints: [fp(0, 0, 10), fp(0.5, 0, 0.5)], lrs: [0.5], finalLoss: 0.5 }), land)).toBe("valley");
    expect(classifyPath(path({ footprints: [fp(0, 0, 10), fp(9, 9, null)], lrs: [50], diverged: true, finalLoss: null }), land)).toBe("diverged");
    expect(classifyPath(path({ footprints: [fp(0, 0, 10, 2), fp(0.1, 0, 8, 0.05)], lrs: [0.5], finalLoss: 8 }), land)).toBe("stalled");
    expect(classifyPath(path({ footprints: [fp(0, 0, 10), fp(0.01, 0, 9.9)], lrs: [0.01], finalLoss: 9.9 }), land)).toBe("crawled");
    expect(classifyPath(path({ footprints: [fp(0, 0, 10), fp(0.3, 0, 5)], lrs: [0.5], finalLoss: 5 }), land)).toBe("descended");
    expect(classifyPath(path({}), land)).toBe("idle");
  });
});

describe("debrief notes", () => {
  it("finds the biggest overshoot", () => {
    expect(biggestOvershoot([fp(0, 0, 5), fp(1, 0, 7), fp(0, 0, 4), fp(1, 0, 9)])).toEqual({ step: 3, from: 4, to: 9 });
    expect(biggestOvershoot([fp(0, 0, 5), fp(1, 0, 4)])).toBeNull();
  });
  it("clusters end points into distinct valleys", () => {
    const a = path({ playerId: "a", footprints: [fp(0, 0, 10), fp(-0.9, 0, 1)], finalLoss: 1 });
    const b = path({ playerId: "b", footprints: [fp(0, 0, 10), fp(0.9, 0, 1.2)], finalLoss: 1.2 });
    const c = path({ playerId: "c", footprints: [fp(0, 0, 10), fp(0.88, 0.01, 1.1)], finalLoss: 1.1 });
    expect(distinctValleys([a, b, c], land)).toEqual([1, 1.1]);
  });
  it("speaks about the class's own paths", () => {
    const over = path({ playerId: "o", nickname: "Bo", footprints: [fp(0, 0, 10), fp(0.5, 0, 3), fp(-0.5, 0, 9)], lrs: [1, 1], finalLoss: 9 });
    const crawl = path({ playerId: "c", nickname: "Cy", footprints: [fp(0, 0, 10), fp(0.001, 0, 9.99)], lrs: [0.001], finalLoss: 9.99 });
    const gone = path({ playerId: "d", nickname: "Di", footprints: [fp(0, 0, 10), fp(5, 5, null)], lrs: [40], diverged: true, finalLoss: null });
    const notes = debriefNotes([over, crawl, gone], land);
    const kinds = notes.map((n) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(["overshoot", "crawl", "diverged"]));
    expect(notes.find((n) => n.kind === "overshoot")!.text).toContain("Bo");
    expect(notes.find((n) => n.kind === "crawl")!.playerId).toBe("c");
  });
});

describe("the valleys note", () => {
  it("speaks of different valleys only for paths that reached one, not for walks that stopped halfway", () => {
    const reachedLeft = path({ playerId: "a", nickname: "A", footprints: [fp(0, 0, 10), fp(-0.9, 0, 0.5)], lrs: [0.5], finalLoss: 0.5 });
    const reachedRight = path({ playerId: "b", nickname: "B", footprints: [fp(0, 0, 10), fp(0.9, 0, 0.6)], lrs: [0.5], finalLoss: 0.6 });
    const halfway = path({ playerId: "c", nickname: "C", footprints: [fp(0, 0, 10), fp(0.1, 0.9, 5)], lrs: [0.5], finalLoss: 5 });
    expect(debriefNotes([reachedLeft, halfway], land).some((n) => n.kind === "valleys")).toBe(false);
    expect(debriefNotes([reachedLeft, reachedRight, halfway], land).find((n) => n.kind === "valleys")?.text).toContain("2 different");
  });
  it("always opens with a summary of how far the walkers got", () => {
    const notes = debriefNotes([path({ footprints: [fp(0, 0, 10), fp(0.3, 0, 5)], lrs: [0.5], finalLoss: 5 })], land);
    expect(notes[0]).toMatchObject({ kind: "summary" });
    expect(notes[0]!.text).toContain("50 %");
  });
});
