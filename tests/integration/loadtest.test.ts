// The load tool against the real server in-process: it sets up classrooms, steps, and reports
// round-trip percentiles with nothing lost; bad arguments exit 2 with one line.
import { spawnSync, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootServer, type TestServer } from "./support/harness";

let t: TestServer;
beforeAll(async () => { t = await bootServer(); }, 300_000);
afterAll(async () => { await t?.stop(); });

const tsx = ["node_modules/tsx/dist/cli.mjs", "tests/load/loadtest.ts"];

describe("npm run loadtest", () => {
  it("drives 2 classrooms of 4 and reports percentiles, no errors, nothing lost", async () => {
    const child = spawn(process.execPath, [...tsx, "--url", t.server.url, "--rooms", "2", "--players", "4", "--rate", "4", "--seconds", "2", "--json"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => { out += d; });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
    const lines = out.trim().split("\n");
    expect(lines).toHaveLength(1);
    const r = JSON.parse(lines[0]!) as Record<string, number>;
    expect(Object.keys(r).slice(0, 6)).toEqual(["players", "p50", "p95", "p99", "errors", "lost"]);
    expect(r.players).toBe(8);
    expect(r.errors).toBe(0);
    expect(r.lost).toBe(0);
    expect(r.steps).toBeGreaterThan(8);
    expect(r.p50).toBeGreaterThan(0);
    expect(r.p99).toBeGreaterThanOrEqual(r.p50!);
  }, 120_000);

  it("refuses bad arguments with one line and exit code 2", () => {
    const r = spawnSync(process.execPath, [...tsx, "--url", t.server.url, "--rooms", "zero", "--players", "4", "--rate", "2", "--seconds", "2"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("--rooms");
  });
});
