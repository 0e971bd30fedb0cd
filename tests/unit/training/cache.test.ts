// The disk cache: a landscape built once is loaded, not rebuilt, by the next core; a corrupt,
// truncated or foreign file is ignored and rebuilt to the same bits; stale files are pruned only
// by a successful build; no temp file is left behind.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fieldOf, getRecipe, recipeHash, type BuiltLandscape } from "../../../lib/landscape";
import { cacheDirOf, gridPath, landscapePath } from "../../../server/training/cache";
import { readContainer, writeContainer } from "../../../server/training/container";
import { TrainingCore } from "../../../server/training/core";
import { recordingLogger, removeDir, tempDataDir } from "./support";

let dataDir: string;
const HASH = recipeHash(getRecipe("bowl"));

beforeEach(() => {
  dataDir = tempDataDir();
});
afterEach(() => removeDir(dataDir));

/** Runs fn with a fresh core on dataDir and returns what it returned plus the log lines. */
async function withCore<T>(fn: (core: TrainingCore) => Promise<T>) {
  const log = recordingLogger();
  const core = await TrainingCore.create({ dataDir, threads: 1, logger: log.logger });
  try {
    return { value: await fn(core), lines: log.lines };
  } finally {
    await core.close();
  }
}

const builds = (lines: { msg: string }[]) => lines.filter((l) => l.msg === "building landscape").length;
const plain = (b: BuiltLandscape) => ({ ...b, center: Array.from(b.center), d1: Array.from(b.d1), d2: Array.from(b.d2) });

describe("landscape cache", () => {
  it("round-trips a landscape and its grids through the disk", async () => {
    const first = await withCore(async (core) => ({ b: await core.secret("bowl"), g: await core.grid("bowl", 50) }));
    expect(builds(first.lines)).toBe(1);
    const files = readdirSync(cacheDirOf(dataDir)).sort();
    const field = fieldOf(getRecipe("bowl")).size;
    expect(files).toEqual([`bowl.${HASH}.field${field}`, `bowl.${HASH}.grid50`, `bowl.${HASH}.landscape`]);
    const again = await withCore(async (core) => ({ b: await core.secret("bowl"), g: await core.grid("bowl", 50), s: await core.ensure("bowl") }));
    expect(builds(again.lines)).toBe(0);
    expect(plain(again.value.b)).toEqual(plain(first.value.b));
    expect(Array.from(again.value.g.values)).toEqual(Array.from(first.value.g.values));
    expect(again.value.g.min).toEqual(first.value.g.min);
    expect(again.value.s.minimum).toEqual(first.value.b.minimum);
    expect(readdirSync(cacheDirOf(dataDir)).sort()).toEqual(files); // nothing rewritten, no temp files
  });

  const corruptions: [string, (file: string) => void][] = [
    ["a flipped payload byte", (f) => {
      const buf = readFileSync(f);
      buf[buf.length - 9] = buf[buf.length - 9]! ^ 0x40;
      writeFileSync(f, buf);
    }],
    ["a truncated file", (f) => writeFileSync(f, readFileSync(f).subarray(0, 200))],
    ["garbage", (f) => writeFileSync(f, "not a cache file at all\n")],
    ["an empty file", (f) => writeFileSync(f, "")],
    ["a valid file of another recipe", (f) => {
      const r = readContainer(f);
      if (!r.ok) throw new Error(r.reason);
      writeContainer(f, { ...r.meta, recipeHash: "00000000000000" }, r.arrays);
    }],
    ["a valid file with the wrong parameter count", (f) => {
      const r = readContainer(f);
      if (!r.ok) throw new Error(r.reason);
      writeContainer(f, r.meta, r.arrays.map((a) => a.subarray(1)));
    }],
  ];
  for (const [what, corrupt] of corruptions) {
    it(`ignores ${what} and rebuilds the same bits`, async () => {
      const original = await withCore(async (core) => plain(await core.secret("bowl")));
      corrupt(landscapePath(cacheDirOf(dataDir), "bowl", HASH));
      const stale = join(cacheDirOf(dataDir), "bowl.0123456789abcd.landscape");
      writeFileSync(stale, "left over from an older recipe");
      const rebuilt = await withCore(async (core) => plain(await core.secret("bowl")));
      expect(builds(rebuilt.lines)).toBe(1);
      expect(rebuilt.lines.some((l) => l.msg === "ignoring a bad cached landscape")).toBe(true);
      expect(rebuilt.value).toEqual(original.value);
      expect(readdirSync(cacheDirOf(dataDir))).not.toContain("bowl.0123456789abcd.landscape"); // pruned by the build
      const third = await withCore(async (core) => plain(await core.secret("bowl")));
      expect(builds(third.lines)).toBe(0); // the rebuilt file is good
    });
  }

  it("ignores a corrupt grid file and recomputes it", async () => {
    const first = await withCore((core) => core.grid("bowl", 33));
    const file = gridPath(cacheDirOf(dataDir), "bowl", HASH, 33);
    const buf = readFileSync(file);
    buf[buf.length - 5] = buf[buf.length - 5]! ^ 0xff;
    writeFileSync(file, buf);
    const again = await withCore((core) => core.grid("bowl", 33));
    expect(again.lines.some((l) => l.msg === "ignoring a bad cached grid")).toBe(true);
    expect(Array.from(again.value.values)).toEqual(Array.from(first.value.values));
    expect(readContainer(file).ok).toBe(true);
  });
});

describe("cache container", () => {
  it("keeps non-finite numbers in the header and typed arrays in the payload", () => {
    const f = join(dataDir, "x", "c.bin");
    writeContainer(f, { a: Infinity, b: [-Infinity, 1.5], c: { $num: "x" } }, [Float64Array.of(1, 2, Math.PI), Float32Array.of(Infinity, -0.5, 3)]);
    const r = readContainer(f);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.meta).toEqual({ a: Infinity, b: [-Infinity, 1.5], c: { $num: "x" } });
    expect(r.arrays[0]).toEqual(Float64Array.of(1, 2, Math.PI));
    expect(r.arrays[1]).toEqual(Float32Array.of(Infinity, -0.5, 3));
    expect(readdirSync(join(dataDir, "x"))).toEqual(["c.bin"]);
  });

  it("reads a missing file as missing", () => {
    expect(readContainer(join(dataDir, "nothing.bin"))).toEqual({ ok: false, reason: "missing" });
  });
});

describe("an unwritable cache", () => {
  it("is logged, and workers get the landscape from the main thread instead", async () => {
    writeFileSync(cacheDirOf(dataDir), "a file where the cache folder should be");
    const r = await withCore(async (core) => {
      const felt = await Promise.all([0, 1, 2, 3].map((k) => core.probe("bowl", 0.1 * k, -0.2)));
      return { felt, again: await core.probe("bowl", 0.1 * 3, -0.2) };
    });
    expect(r.lines.some((l) => l.msg === "could not write the landscape cache")).toBe(true);
    expect(r.value.felt[3]).toEqual(r.value.again);
    expect(Number.isFinite(r.value.again.loss)).toBe(true);
  });
});
