import { describe, expect, it } from "vitest";
import { altitudeHistogram, liveState } from "../../../lib/game/live";

const fp = (x: number, loss: number | null) => ({ x, y: 0, loss, grad: [1, 0] as [number, number] });

describe("live states on the projector", () => {
  it("names diverged, valley, crawling, walking and waiting", () => {
    expect(liveState([fp(0, 10)], 10, 1, 4)).toBe("waiting");
    expect(liveState([fp(0, 10), fp(1, null)], 10, 1, 4)).toBe("diverged");
    expect(liveState([fp(0, 10), fp(1, 1.5)], 10, 1, 4)).toBe("valley");
    expect(liveState([fp(0, 10), fp(0.001, 9.9), fp(0.002, 9.8), fp(0.003, 9.7)], 10, 1, 4)).toBe("crawling");
    expect(liveState([fp(0, 10), fp(0.5, 8), fp(1, 6), fp(1.5, 5)], 10, 1, 4)).toBe("walking");
  });
  it("bins altitudes on a log scale and keeps every walker", () => {
    const h = altitudeHistogram([1, 1.1, 5, 10, 100, 0.5], 1, 10, 5);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(h.counts[0]).toBe(3); // 0.5 clamps to the lowest bin
    expect(h.counts[4]).toBe(2); // 10 and 100 clamp to the highest
    expect(h.edges[0]).toBeCloseTo(1);
    expect(h.edges[5]).toBeCloseTo(10);
  });
});
