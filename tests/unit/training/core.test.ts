// The training core through its worker pool gives exactly the numbers of the single-thread code
// in lib/landscape (same float64 arithmetic, so equality is exact), shares builds, and refuses
// bad arguments before anything is queued or cached.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOG, computeGrid, createSliceEvaluator, fieldOf, getRecipe, LandscapeError, runGhost, type SliceEvaluator } from "../../../lib/landscape";
import { TrainingCore } from "../../../server/training/core";
import { loadDataset } from "../../../server/training/datasets";
import { LOCAL_PROBE_MAX_WORK, probeWork } from "../../../server/training/local-probes";
import { cacheSnapshot, recordingLogger, removeDir, tempDataDir } from "./support";

let core: TrainingCore;
let dataDir: string;
const log = recordingLogger();

async function direct(id: string): Promise<SliceEvaluator> {
  return createSliceEvaluator(await core.secret(id), loadDataset(getRecipe(id).dataset));
}

async function expectError(p: Promise<unknown> | (() => unknown), code: string): Promise<void> {
  const run = typeof p === "function" ? Promise.resolve().then(p) : p;
  const e = await run.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(LandscapeError);
  expect((e as LandscapeError).code).toBe(code);
  expect((e as LandscapeError).message.length).toBeGreaterThan(10);
}

beforeAll(async () => {
  dataDir = tempDataDir();
  core = await TrainingCore.create({ dataDir, threads: 2, logger: log.logger });
});

afterAll(async () => {
  await core.close();
  removeDir(dataDir);
});

describe("TrainingCore", () => {
  it("lists the catalog without building anything", () => {
    expect(core.catalog().map((i) => i.id)).toEqual(CATALOG.map((r) => r.id));
    const tv = core.info("two-valleys");
    expect(tv.params).toBe(64 * 16 + 16 + 16 * 10 + 10);
    expect(tv.dataset).toMatchObject({ name: "digits", samples: 1797, features: 64 });
    expect(cacheSnapshot(dataDir)).toEqual([]);
  });

  it("answers probes equal to a direct evaluator, full batch and minibatch, under concurrency", async () => {
    for (const id of ["bowl", "cliff"]) {
      const ev = await direct(id);
      const { extent } = core.info(id);
      const pts = Array.from({ length: 24 }, (_, k) => [
        extent.x[0] + ((k * 0.37) % 1) * (extent.x[1] - extent.x[0]),
        extent.y[0] + ((k * 0.61) % 1) * (extent.y[1] - extent.y[0]),
      ] as const);
      const opts = (k: number) => (k % 3 === 0 ? { batch: 1 + (k % 40), seed: k } : {});
      const pooled = await Promise.all(pts.map(([x, y], k) => core.probe(id, x, y, opts(k))));
      pts.forEach(([x, y], k) => expect(pooled[k]).toEqual(ev.felt(x, y, opts(k))));
    }
  });

  it("answers a player's probe of a small landscape on the main thread, to the bit what a worker answers", async () => {
    // The line between here and the workers: the four small landscapes are answered here, the digits
    // net and the deep one (hundreds of µs a probe) go to the workers.
    const local = CATALOG.filter((r) => probeWork(r.spec, loadDataset(r.dataset).n) <= LOCAL_PROBE_MAX_WORK).map((r) => r.id);
    expect(local).toEqual(["bowl", "ravine", "saddle", "cliff"]);
    for (const id of ["bowl", "cliff"]) {
      const { extent } = core.info(id);
      const before = core.health().probes;
      const pts = Array.from({ length: 40 }, (_, k) => [
        extent.x[0] + ((k * 0.43) % 1) * (extent.x[1] - extent.x[0]),
        extent.y[0] + ((k * 0.29) % 1) * (extent.y[1] - extent.y[0]),
      ] as const);
      const opts = (k: number) => (k % 4 === 0 ? { batch: 1 + (k % 33), seed: 3 * k } : {});
      const here = await Promise.all(pts.map(([x, y], k) => core.probe(id, x, y, opts(k))));
      const after = core.health().probes;
      expect(after.local - before.local).toBe(pts.length);
      expect(after.pooled).toBe(before.pooled);
      // A bulk probe (a reveal's) always goes to a worker: the same numbers, bit for bit.
      const pooled = await Promise.all(pts.map(([x, y], k) => core.probe(id, x, y, { ...opts(k), lane: "bulk" })));
      expect(core.health().probes.pooled - after.pooled).toBe(pts.length);
      here.forEach((h, k) => {
        const w = pooled[k]!;
        expect([Object.is(h.loss, w.loss), Object.is(h.grad[0], w.grad[0]), Object.is(h.grad[1], w.grad[1])]).toEqual([true, true, true]);
      });
    }
  });

  it("splits a grid across workers into exactly the single-thread grid", async () => {
    const ev = await direct("cliff");
    const { extent } = core.info("cliff");
    for (const size of [37, 128]) {
      const pooled = await core.grid("cliff", size);
      const single = computeGrid(ev, size, extent);
      expect(pooled.size).toBe(size);
      expect(Array.from(pooled.values)).toEqual(Array.from(single.values));
      expect(pooled.min).toEqual(single.min);
      expect(pooled.max).toBe(single.max);
    }
    const summary = await core.ensure("cliff");
    expect(summary.minimum).toEqual(computeGrid(ev, 128, extent).min);
  });

  it("walks ghosts exactly as runGhost does", async () => {
    const ev = await direct("bowl");
    const { extent } = core.info("bowl");
    for (const opts of [{ optimizer: "gd", lr: 0.3, steps: 20 }, { optimizer: "adam", lr: 0.08, steps: 15, batch: 16, seed: 4 }] as const) {
      const path = await core.ghost("bowl", [1.6, -1.8], opts);
      expect(path).toEqual(runGhost(ev, [1.6, -1.8], { ...opts, extent }));
      expect(path.length).toBeGreaterThan(1);
    }
  });

  it("shares one build between concurrent callers, each hearing its progress", async () => {
    const heard: number[][] = [[], [], []];
    const results = await Promise.all(heard.map((h) => core.ensure("saddle", (f) => h.push(f))));
    expect(results[1]).toEqual(results[0]);
    expect(log.lines.filter((l) => l.msg === "building landscape" && l.landscape === "saddle")).toHaveLength(1);
    for (const h of heard) {
      expect(h.at(-1)).toBe(1);
      expect(h.every((f, k) => k === 0 || f >= h[k - 1]! - 1e-12)).toBe(true);
    }
    await core.grid("saddle", 40, () => undefined);
    await core.ensure("saddle");
    expect(log.lines.filter((l) => l.msg === "building landscape" && l.landscape === "saddle")).toHaveLength(1);
  });

  it("refuses bad arguments with typed errors, before any build or cache write", async () => {
    const before = cacheSnapshot(dataDir);
    await expectError(core.probe("nope", 0, 0), "unknown_landscape");
    await expectError(() => core.info("nope"), "unknown_landscape");
    await expectError(core.ensure("nope"), "unknown_landscape");
    await expectError(core.probe("ravine", NaN, 0), "bad_coordinates");
    await expectError(core.probe("ravine", 0, Infinity), "bad_coordinates");
    await expectError(core.probe("ravine", 4.6, 0), "bad_coordinates"); // beyond the field (the map ±3, widened by 1.5)
    await expectError(core.probe("ravine", 0, 0, { batch: 0 }), "bad_batch");
    await expectError(core.probe("ravine", 0, 0, { batch: 570 }), "bad_batch");
    await expectError(core.probe("ravine", 0, 0, { batch: 2.5 }), "bad_batch");
    await expectError(core.probe("ravine", 0, 0, { seed: NaN }), "bad_argument");
    await expectError(core.grid("ravine", 1), "bad_grid_size");
    await expectError(core.grid("ravine", 1025), "bad_grid_size");
    await expectError(core.ghost("ravine", [0, 0], { optimizer: "gd", lr: -1, steps: 3 }), "bad_argument");
    await expectError(core.ghost("ravine", [9, 0], { optimizer: "gd", lr: 0.1, steps: 3 }), "bad_coordinates");
    await expectError(core.ghost("ravine", [0, 0], { optimizer: "gd", lr: 0.1, steps: 3, window: { x: [-9, 0], y: [0, 1] } }), "bad_coordinates");
    await expectError(core.ghost("ravine", [0, 0], { optimizer: "newton" as "gd", lr: 0.1, steps: 3 }), "bad_argument");
    expect(cacheSnapshot(dataDir)).toEqual(before);
    expect(log.lines.some((l) => l.msg === "building landscape" && l.landscape === "ravine")).toBe(false);
  });

  it("refuses probes beyond the field (the map widened by the windows' margin) unless asked for a point off the map; its edges are on it", async () => {
    const ev = await direct("bowl");
    const edge = fieldOf(getRecipe("bowl")).extent.x[1];
    expect(edge).toBeGreaterThan(2.9);
    await expectError(core.probe("bowl", edge + 0.5, -3), "bad_coordinates");
    await expectError(core.probe("bowl", -edge - 1e-6, 0), "bad_coordinates");
    expect(await core.probe("bowl", edge, -edge)).toEqual(ev.felt(edge, -edge)); // edges are on it
    expect(await core.probe("bowl", 2, -2)).toEqual(ev.felt(2, -2));
    expect(await core.probe("bowl", 40, 9, { offMap: true })).toEqual(ev.felt(40, 9));
    await expectError(core.probe("bowl", Infinity, 0, { offMap: true }), "bad_coordinates");
  });
});
