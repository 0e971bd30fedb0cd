// The load tool against the real server in-process: it sets up classrooms, steps, and reports
// round-trip percentiles with nothing lost, in one thread or split over worker threads; bad
// arguments exit 2 with one line (no server needed).
import { spawnSync, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootServer, type TestServer } from "./support/harness";

const tsx = ["node_modules/tsx/dist/cli.mjs", "tests/load/loadtest.ts"];

/** Runs the load tool with --json; its exit code and the one line it printed, parsed. */
async function loadtest(args: string[]): Promise<Record<string, number>> {
  const child = spawn(process.execPath, [...tsx, ...args, "--json"], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => { out += d; });
  child.stderr.on("data", (d) => { err += d; });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  expect(code, err).toBe(0);
  const lines = out.trim().split("\n");
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, number>;
}

/** What holds of every run: each step sent was answered (timed, an error, or resent after a drop) or timed out; late ones are among those. */
function expectAccounted(r: Record<string, number>): void {
  expect(r.sent).toBe(r.steps! + r.errors! + r.timedOut! + r.resent!);
  expect(r.late).toBeLessThanOrEqual(r.timedOut!);
}

describe("npm run loadtest against a server", () => {
  let t: TestServer;
  beforeAll(async () => { t = await bootServer(); }, 300_000);
  afterAll(async () => { await t?.stop(); });

  it("drives 2 classrooms of 4 and reports percentiles, no errors, nothing lost", async () => {
    const r = await loadtest(["--url", t.server.url, "--rooms", "2", "--players", "4", "--rate", "4", "--seconds", "2"]);
    expect(Object.keys(r).slice(0, 6)).toEqual(["players", "p50", "p95", "p99", "errors", "lost"]);
    expect(r.players).toBe(8);
    expect(r.errors).toBe(0);
    expect(r.lost).toBe(0);
    expect(r).toMatchObject({ reconnects: 0, timedOut: 0, resent: 0 });
    expect(r.maxStallMs).toBeGreaterThan(0);
    expect(r.steps).toBeGreaterThan(8);
    expect(r.p50).toBeGreaterThan(0);
    expect(r.p99).toBeGreaterThanOrEqual(r.p50!);
    expect(r.workers).toBe(1);
    expectAccounted(r);
  }, 120_000);

  it("splits the classrooms over 2 worker threads and merges their tallies", async () => {
    const r = await loadtest(["--url", t.server.url, "--rooms", "2", "--players", "4", "--rate", "4", "--seconds", "2", "--workers", "2"]);
    expect(Object.keys(r).slice(0, 6)).toEqual(["players", "p50", "p95", "p99", "errors", "lost"]);
    expect(r).toMatchObject({ players: 8, rooms: 2, perRoom: 4, workers: 2, errors: 0, lost: 0, hostErrors: 0, disconnects: 0 });
    // Both workers' students stepped: one worker's 4 students tick at most 8 times each in 2 s at 4/s.
    expect(r.steps).toBeGreaterThan(4 * 8);
    expect(r.p50).toBeGreaterThan(0);
    expect(r.p99).toBeGreaterThanOrEqual(r.p50!);
    expectAccounted(r);
  }, 120_000);
});

describe("npm run loadtest, bad arguments", () => {
  it("refuses bad arguments with one line and exit code 2", () => {
    // Nothing listens on port 9: the arguments are refused before any connection is tried.
    const r = spawnSync(process.execPath, [...tsx, "--url", "http://127.0.0.1:9", "--rooms", "zero", "--players", "4", "--rate", "2", "--seconds", "2"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("--rooms");
  });
});
