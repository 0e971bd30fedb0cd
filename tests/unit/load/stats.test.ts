import { describe, expect, it } from "vitest";
import { buildResult, emptyTally, formatResult, mergeTally, percentileSorted, summary } from "../../load/stats";

describe("percentiles", () => {
  it("takes the nearest rank", () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentileSorted(v, 50)).toBe(50);
    expect(percentileSorted(v, 95)).toBe(95);
    expect(percentileSorted(v, 99)).toBe(99);
    expect(percentileSorted(v, 100)).toBe(100);
    expect(percentileSorted(v, 0)).toBe(1);
    expect(percentileSorted([5], 99)).toBe(5);
    expect(Number.isNaN(percentileSorted([], 50))).toBe(true);
  });

  it("does not depend on the order of the sample, and does not reorder it", () => {
    const v = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10];
    const copy = [...v];
    // summary (what the result line uses) sorts a copy: the sample's order is irrelevant and kept.
    expect(summary(v)).toEqual({ p50: 5, p95: 10, p99: 10 });
    expect(summary([...v].reverse())).toEqual(summary(v));
    expect(v).toEqual(copy);
    const sorted = Float64Array.from(v).sort();
    expect(percentileSorted(sorted, 50)).toBe(5);
    expect(percentileSorted(sorted, 90)).toBe(9);
    expect(percentileSorted([1, 2, 3, 4], 75)).toBe(3);
  });

  it("summarises p50/p95/p99 to 0.1 ms, numerically (not as strings)", () => {
    expect(summary([3, 1, 2])).toEqual({ p50: 2, p95: 3, p99: 3 });
    expect(summary([10, 9, 100, 2.04, 1])).toEqual({ p50: 9, p95: 100, p99: 100 });
    expect(summary([1.26])).toEqual({ p50: 1.3, p95: 1.3, p99: 1.3 });
    const s = summary([]);
    expect([s.p50, s.p95, s.p99].every(Number.isNaN)).toBe(true);
  });
});

describe("tallies and the result line", () => {
  it("merges the workers' tallies", () => {
    const a = { ...emptyTally(), rtts: [1, 2], sent: 3, errors: 1, errorCodes: { rate_limited: 1 }, timedOut: 0, stallMs: 4, cpuMs: 10, reconnects: 2, maxStallMs: 3100, resent: 1 };
    const b = { ...emptyTally(), rtts: [3], sent: 2, errors: 2, errorCodes: { rate_limited: 1, server_error: 1 }, timedOut: 1, late: 1, rounds: 2, stallMs: 9, cpuMs: 5, reconnects: 1, maxStallMs: 4200, lostAcked: 1 };
    const m = mergeTally(a, b);
    expect(m).toMatchObject({ rtts: [1, 2, 3], sent: 5, errors: 3, errorCodes: { rate_limited: 2, server_error: 1 }, timedOut: 1, late: 1, rounds: 2, stallMs: 9, cpuMs: 15, reconnects: 3, maxStallMs: 4200, resent: 1, lostAcked: 1 });
  });

  it("starts with the six agreed fields, in order, and survives JSON", () => {
    const t = { ...emptyTally(), rtts: Array.from({ length: 200 }, (_, i) => i / 10), sent: 201, lostAcked: 1, cpuMs: 3000, reconnects: 4, maxStallMs: 5321.4 };
    const r = buildResult(t, { rooms: 2, players: 5, rate: 2, seconds: 10, budget: 25, landscape: "bowl", workers: 1 });
    expect(Object.keys(r).slice(0, 6)).toEqual(["players", "p50", "p95", "p99", "errors", "lost"]);
    expect(r).toMatchObject({ players: 10, p50: 9.9, p95: 18.9, p99: 19.7, errors: 0, lost: 1, reconnects: 4, maxStallMs: 5321, sent: 201, steps: 200, stepsPerSecond: 20, clientCpu: 30 });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    const text = formatResult(r);
    expect(text.split("\n")[0]).toMatch(/players +rooms +rate\/s +sent +steps\/s +p50 ms +p95 ms +p99 ms +errors +lost +reconnects +maxStall ms/);
    expect(text.split("\n")[1]).toMatch(/10 +2×5 +2 +201 +20 +9\.9 +18\.9 +19\.7 +0 +1 +4 +5321$/);
  });
});
