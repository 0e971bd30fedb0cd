import { describe, expect, it } from "vitest";
import { parseLoadArgs } from "../../load/args";
import { percentile, summary } from "../../load/stats";

const ok = ["--url", "http://127.0.0.1:3000", "--rooms", "20", "--players", "30", "--rate", "2", "--seconds", "30"];

describe("loadtest arguments", () => {
  it("accepts the documented form, with defaults", () => {
    const r = parseLoadArgs([...ok, "--json"]);
    expect(r).toEqual({ ok: true, options: { url: "http://127.0.0.1:3000", rooms: 20, players: 30, rate: 2, seconds: 30, landscape: "bowl", json: true } });
  });
  it.each([
    [["--rooms", "20"], "--url is required"],
    [[...ok.slice(0, 2), "--rooms", "0", ...ok.slice(4)], "--rooms must be at least 1"],
    [[...ok.slice(0, 4), "--players", "many", ...ok.slice(6)], "--players must be a number"],
    [[...ok.slice(0, 6), "--rate", "-1", ...ok.slice(8)], "--rate must be more than 0"],
    [["--url", "ftp://x", ...ok.slice(2)], "--url must be an http"],
    [[...ok, "--bogus"], "bogus"],
    [[...ok, "extra"], "unexpected argument"],
  ])("refuses %j with one line", (argv, message) => {
    const r = parseLoadArgs(argv);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain(message);
      expect(r.error).not.toContain("\n");
    }
  });
});

describe("percentiles", () => {
  it("takes the nearest rank", () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(v, 50)).toBe(50);
    expect(percentile(v, 99)).toBe(99);
    expect(percentile([5], 99)).toBe(5);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
    expect(summary([3, 1, 2])).toEqual({ p50: 2, p95: 3, p99: 3 });
  });
});
