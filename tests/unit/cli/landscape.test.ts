// The CLI as a user runs it (`npx tsx server/cli/landscape.ts`, a temporary DATA_DIR): list,
// build, probe, export and grid, checked against an independent float64 recomputation from the
// export; every bad argument exits 2 with exactly one line on stderr and leaves the cache alone.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOG } from "../../../lib/landscape";
import { cacheSnapshot, removeDir, tempDataDir } from "../training/support";
import { referenceFelt, type ExportedLandscape } from "./reference-mlp";

const ROOT = resolve(import.meta.dirname, "../../..");
let dataDir: string;

/** Runs the CLI; resolves with its exit code and output. */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliWithEnv({}, ...args);
}

/** Runs the CLI with some environment variables changed. */
function cliWithEnv(vars: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      "npx",
      ["tsx", "server/cli/landscape.ts", ...args],
      // npm_config_loglevel keeps npx's own warnings (e.g. about this machine's npmrc) off stderr.
      { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "silent", npm_config_loglevel: "error", TRAINING_THREADS: "2", ...vars }, maxBuffer: 256 << 20 },
      (err, stdout, stderr) => done({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const lines = (s: string) => s.split("\n").filter((l) => l.length > 0);

beforeAll(() => {
  dataDir = tempDataDir();
});
afterAll(() => removeDir(dataDir));

describe("landscape CLI", () => {
  it("list --json prints one JSON array of the catalog", async () => {
    const r = await cli("list", "--json");
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toHaveLength(1);
    const list = JSON.parse(r.stdout) as { id: string; architecture: string; lesson: string }[];
    expect(list.map((l) => l.id)).toEqual(CATALOG.map((c) => c.id));
    expect(list.every((l) => l.lesson.length > 0 && l.architecture.includes("→"))).toBe(true);
    const table = await cli("list");
    expect(lines(table.stdout)).toHaveLength(CATALOG.length + 1);
    expect(cacheSnapshot(dataDir)).toEqual([]);
  });

  it("build shows progress on stderr and caches the landscape", async () => {
    const r = await cli("build", "cliff");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/cliff .*100%/);
    expect(r.stderr).toMatch(/cliff ready in/);
    expect(cacheSnapshot(dataDir).some((f) => f.startsWith("cliff.") && f.includes(".landscape "))).toBe(true);
  });

  it("probe agrees with an independent recomputation from export", async () => {
    for (const id of ["cliff", "bowl"]) {
      const exported = JSON.parse((await cli("export", id)).stdout) as ExportedLandscape & { id: string; extent: { x: number[]; y: number[] } };
      expect(exported.id).toBe(id);
      expect(exported.dataset.x[0]!.length).toBe(exported.model.layers[0]!.in);
      for (const [x, y] of [[0.25, -0.5], [-1.1, 0.9]] as const) {
        const r = await cli("probe", id, String(x), String(y));
        expect(r.code).toBe(0);
        expect(lines(r.stdout)).toHaveLength(1);
        const felt = JSON.parse(r.stdout) as { loss: number; grad: [number, number] };
        const ref = referenceFelt(exported, x, y);
        expect(Math.abs(felt.loss - ref.loss)).toBeLessThan(1e-10 * Math.max(1, ref.loss));
        const scale = Math.max(1e-3, Math.hypot(...ref.grad));
        expect(Math.abs(felt.grad[0] - ref.grad[0]) / scale).toBeLessThan(1e-9);
        expect(Math.abs(felt.grad[1] - ref.grad[1]) / scale).toBeLessThan(1e-9);
      }
    }
  });

  it("probe with --batch and --seed is reproducible and differs from the full batch", async () => {
    const a = await cli("probe", "bowl", "-0.5", "1", "--batch", "10", "--seed", "3");
    const b = await cli("probe", "bowl", "-0.5", "1", "--batch=10", "--seed=3");
    const full = await cli("probe", "bowl", "-0.5", "1");
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(full.stdout);
  });

  it("grid writes a valid PNG heatmap", async () => {
    const out = join(dataDir, "cliff.png");
    const r = await cli("grid", "cliff", "--size", "48", "--out", out);
    expect(r.code).toBe(0);
    const png = PNG.sync.read(readFileSync(out));
    expect(png.width).toBe(48 * Math.ceil(512 / 48));
    expect(png.height).toBe(png.width);
    const colours = new Set<number>();
    for (let k = 0; k < png.data.length; k += 4 * 97) colours.add(png.data.readUInt32BE(k));
    expect(colours.size).toBeGreaterThan(20); // a heatmap, not a blank image
    expect(JSON.parse(r.stdout)).toMatchObject({ size: 48 });
  });

  it("refuses bad arguments with exit 2, one line on stderr, and no change to the cache", async () => {
    const before = cacheSnapshot(dataDir);
    expect(before.length).toBeGreaterThan(0);
    const bad: string[][] = [
      ["frobnicate"],
      [],
      ["probe", "nope", "0", "0"],
      ["probe", "bowl", "abc", "0"],
      ["probe", "bowl", "0", "NaN"],
      ["probe", "bowl", "Infinity", "0"],
      ["probe", "bowl", "0", "0", "--batch", "0"],
      ["probe", "bowl", "0", "0", "--batch", "151"],
      ["probe", "ravine", "0", "0", "--batch", "0"],
      ["probe", "bowl", "9", "0"],
      ["probe", "bowl", "0"],
      ["probe", "bowl", "0", "0", "--frob", "1"],
      ["grid", "bowl", "--size", "0", "--out", join(dataDir, "x.png")],
      ["grid", "bowl", "--size", "1025", "--out", join(dataDir, "x.png")],
      ["grid", "bowl", "--size", "64"],
      ["grid", "bowl", "--out", join(dataDir, "x.png")],
      ["grid", "bowl", "--size", "8", "--out", join(dataDir, "no-such-folder", "x.png")],
      ["export", "nope"],
      ["build", "nope"],
    ];
    const results = await Promise.all(bad.map((args) => cli(...args)));
    results.forEach((r, k) => {
      expect({ args: bad[k], code: r.code }).toEqual({ args: bad[k], code: 2 });
      expect(lines(r.stderr)).toHaveLength(1);
      expect(r.stderr).toMatch(/^landscape: [A-Z"].{10,}/);
      expect(r.stdout).toBe("");
    });
    expect(cacheSnapshot(dataDir)).toEqual(before);
    expect(existsSync(join(dataDir, "x.png"))).toBe(false);
  });

  it("refuses a bad TRAINING_THREADS or LOG_LEVEL with exit 2 and one line naming it", async () => {
    const bad: Record<string, string>[] = [{ TRAINING_THREADS: "abc" }, { TRAINING_THREADS: "0" }, { TRAINING_THREADS: "1.5" }, { LOG_LEVEL: "loud" }];
    const results = await Promise.all(bad.map((vars) => cliWithEnv(vars, "list")));
    results.forEach((r, k) => {
      const name = Object.keys(bad[k]!)[0]!;
      expect({ vars: bad[k], code: r.code }).toEqual({ vars: bad[k], code: 2 });
      expect(lines(r.stderr)).toHaveLength(1);
      expect(r.stderr).toContain(`${name}=`);
      expect(r.stdout).toBe("");
    });
    const ok = await cliWithEnv({ TRAINING_THREADS: "" }, "list", "--json"); // empty counts as unset
    expect(ok.code).toBe(0);
  });
});
