// The training core as the server and the CLI use it: a catalog, builds (once, shared, cached on
// disk), probes, grids and ghosts, computed by the worker pool. The main thread checks arguments,
// routes tasks, joins grid rows and reads or writes the cache, and answers a player's probe itself
// on the landscapes where that costs less than the trip to a worker (local-probes.ts).
import { mkdirSync } from "node:fs";
import { pino, type Logger } from "pino";
import {
  assembleGrid,
  CATALOG,
  checkGridSize,
  checkPoint as checkFinitePoint,
  checkSeed,
  fieldOf,
  finishLandscape,
  getRecipe,
  GRID_STANDARD_SIZE,
  LandscapeError,
  majorityShare,
  paramCount,
  quantisedPoints,
  regionsBox,
  REGIONS_SIZE,
  recipeHash,
  turnsKey,
  type BuiltLandscape,
  type Extent,
  type Felt,
  type FeltOptions,
  type GhostOptions,
  type GhostPoint,
  type LandscapeInfo,
  type LossGrid,
  type Slice,
  type TurnSpec,
} from "../../lib/landscape/index";
import { ProbeBatcher } from "./batcher";
import { LocalProbes } from "./local-probes";
import { cacheDirOf, gridPath, landscapePath, loadGrid, loadLandscape, pruneStale, saveGrid, saveLandscape } from "./cache";
import type { SharedBuilds } from "./shared";
import { DEFAULT_DATASETS_DIR, loadDataset } from "./datasets";
import { SharedJobs, type Progress } from "./jobs";
import { NeedSliceError, WorkerPool } from "./pool";
import type { Priority } from "./queue";
import type { LandscapeRef } from "./tasks";
import { checkBatch, checkGhost, checkPoint, type GhostRequest } from "./validate";

/** What ensure resolves with: the public info and the lowest point of the standard reveal grid. */
export type LandscapeSummary = Pick<BuiltLandscape, "info" | "minimum">;

/** The parts of a sight that are the same at every spot of a landscape (TrainingCore.sightFacts). */
export interface SightFacts {
  /** Share of the most common class: what always giving one answer gets right. */
  chance: number;
  /** The picture's grid and data points (3 bytes each), or null where the dataset is not 2-D. */
  picture: { size: number; classes: number; points: Uint8Array } | null;
}

/** Options of TrainingCore.create. */
export interface TrainingCoreOptions {
  /** Data directory; the cache lives in `${dataDir}/landscapes`. */
  dataDir: string;
  /** Worker threads (default: os.availableParallelism(), at least 1). */
  threads?: number;
  logger?: Logger;
  /** Folder of the real datasets' CSV files (default: public/datasets). */
  datasetsDir?: string;
  /** Enables crashWorkerForTest (tests only). */
  testHooks?: boolean;
  /** A cluster's shared builds (one node trains, the others fetch); none for a single process. */
  shared?: SharedBuilds;
  /** Answer players' probes of cheap landscapes on the main thread (default true; false: every probe goes to a worker). */
  localProbes?: boolean;
}

/** A landscape as the pool needs it: a name for the workers and the slice to send when they have none. */
type Landscape = Pick<BuiltLandscape, "info" | "recipeHash"> & Slice;

// Grid rows go to workers in chunks of about this many points: small enough that a probe queued
// behind a build waits little, large enough that messaging costs nothing next to the arithmetic.
const POINTS_PER_TASK = 512;
// Share of a build's progress bar given to training (the rest is the reveal grid).
const TRAIN_SHARE = 0.3;

/** The training core: landscapes built by real training, evaluated by a pool of worker threads. */
export class TrainingCore {
  private readonly builds = new SharedJobs<BuiltLandscape>();
  private readonly grids = new SharedJobs<LossGrid>(32);
  private readonly probes: ProbeBatcher<{ b: BuiltLandscape; lane: Priority; turns: TurnSpec[] }>;
  private readonly hashes = new Map(CATALOG.map((r) => [r.id, recipeHash(r)]));
  private readonly facts = new Map<string, SightFacts>();
  private closed = false;
  /** Probes answered here and sent to the workers (the health endpoint, the figures). */
  private readonly probeCounts = { local: 0, pooled: 0 };

  private constructor(
    private readonly pool: WorkerPool,
    private readonly cacheDir: string,
    private readonly log: Logger,
    private readonly infos: Map<string, LandscapeInfo>,
    private readonly shared: SharedBuilds | null = null,
    private readonly datasetsDir: string = DEFAULT_DATASETS_DIR,
    private readonly local: LocalProbes | null = null,
  ) {
    this.probes = new ProbeBatcher(({ b, lane, turns }, points) => this.withSlice(b, (ref) => this.pool.run({ kind: "probes", ...ref, ...withTurns(turns), points }, { priority: lane })), pool.threads);
  }

  /** Starts the worker pool and reads the catalog (workers load the datasets). */
  static async create(opts: TrainingCoreOptions): Promise<TrainingCore> {
    const log = opts.logger ?? pino({ level: "silent" });
    const cacheDir = cacheDirOf(opts.dataDir);
    const pool = new WorkerPool({
      threads: opts.threads,
      datasetsDir: opts.datasetsDir ?? DEFAULT_DATASETS_DIR,
      cacheDir,
      testHooks: opts.testHooks ?? false,
      logger: log,
    });
    try {
      const infos = await pool.run({ kind: "catalog" }, { priority: "interactive" });
      log.info({ threads: pool.threads, landscapes: infos.length, cacheDir }, "training core ready");
      const local = opts.localProbes === false ? null : new LocalProbes(opts.datasetsDir ?? DEFAULT_DATASETS_DIR);
      return new TrainingCore(pool, cacheDir, log, new Map(infos.map((i) => [i.id, i])), opts.shared ?? null, opts.datasetsDir ?? DEFAULT_DATASETS_DIR, local);
    } catch (e) {
      await pool.close();
      throw e;
    }
  }

  /** Public info of every catalog landscape, in catalog order (no build needed). */
  catalog(): LandscapeInfo[] {
    return CATALOG.map((r) => this.info(r.id));
  }

  /** Public info of one landscape; throws unknown_landscape. */
  info(id: string): LandscapeInfo {
    const info = typeof id === "string" ? this.infos.get(id) : undefined;
    if (!info) getRecipe(String(id)); // throws the catalog's own sentence
    return info!;
  }

  /** Builds the landscape once (or loads it from the cache); concurrent callers share the build. */
  async ensure(id: string, onProgress?: Progress): Promise<LandscapeSummary> {
    const b = await this.built(id, onProgress);
    return { info: b.info, minimum: b.minimum };
  }

  /** The built landscape with its secret (θ0, δ1, δ2): for export and the reveal only. Treat as read-only. */
  async secret(id: string): Promise<BuiltLandscape> {
    return this.built(id);
  }

  /**
   * What a walker feels at (x, y) on the map: loss and slope, full batch or a seeded minibatch.
   * `offMap` lets the server measure a finite point beyond the map too (where a step landed that
   * left it, or a ring around a stall near an edge); players never ask for those. `turns`: on the
   * slice a walker's turns of the map lead to (lib/landscape/reslice.ts), in its coordinates.
   */
  async probe(id: string, x: number, y: number, opts: FeltOptions & { offMap?: boolean; lane?: Priority; turns?: TurnSpec[] } = {}): Promise<Felt> {
    const info = this.info(id);
    if (opts.offMap) checkFinitePoint(x, y);
    else checkPoint(info, x, y);
    checkBatch(info, opts.batch);
    checkSeed(opts.seed);
    const b = await this.built(id);
    const lane = opts.lane ?? "interactive";
    const turns = opts.turns ?? [];
    // A player waits on this one: where the arithmetic costs less than a worker's round trip, it is
    // done here, with the same kernels (the same bits). Bulk probes (a reveal's hundreds) and probes
    // of a turned slice stay on the workers, so the main thread never runs a long burst of them.
    const here = lane === "interactive" && turns.length === 0 ? this.local?.evaluator(b) : null;
    if (here) {
      if (this.closed) throw new LandscapeError("worker_failed", "The training core is closed.");
      this.probeCounts.local++;
      return here.felt(x, y, { batch: opts.batch, seed: opts.seed });
    }
    this.probeCounts.pooled++;
    return this.probes.add(`${lane}:${id}:${b.recipeHash}|${turnsKey(turns)}`, { b, lane, turns }, { x, y, batch: opts.batch, seed: opts.seed });
  }

  /**
   * What a picture of a landscape's network needs besides its cells, the same at every spot: the
   * accuracy a constant answer gets, and for a 2-D dataset the picture's size, classes and data
   * points (lib/landscape/regions.ts). Public: the datasets ship with the game.
   */
  sightFacts(id: string): SightFacts {
    this.info(id);
    let f = this.facts.get(id);
    if (!f) {
      const recipe = getRecipe(id);
      const ds = loadDataset(recipe.dataset, this.datasetsDir);
      const outputs = recipe.spec.layers[recipe.spec.layers.length - 1]!.out;
      const pictured = ds.d === 2 && recipe.spec.loss === "softmax_cross_entropy" && outputs >= 2 && outputs <= 16;
      f = { chance: majorityShare(ds), picture: pictured ? { size: REGIONS_SIZE, classes: outputs, points: quantisedPoints(ds, regionsBox(ds)) } : null };
      this.facts.set(id, f);
    }
    return f;
  }

  /**
   * The decision regions of the network at slice point (x, y): REGIONS_SIZE² cell bytes, or null
   * for a landscape with no picture (its dataset is not 2-D). One forward pass per cell, in a worker.
   */
  async regions(id: string, x: number, y: number, opts: { offMap?: boolean; lane?: Priority; turns?: TurnSpec[] } = {}): Promise<Uint8Array | null> {
    const info = this.info(id);
    if (opts.offMap) checkFinitePoint(x, y);
    else checkPoint(info, x, y);
    if (!this.sightFacts(id).picture) return null;
    const b = await this.built(id);
    return this.withSlice(b, (ref) => this.pool.run({ kind: "regions", ...ref, ...withTurns(opts.turns ?? []), x, y }, { priority: opts.lane ?? "interactive" }));
  }

  /** The loss grid of size×size points over the map's extent, split across workers; cached in memory and on disk. */
  async grid(id: string, size: number = GRID_STANDARD_SIZE, onProgress?: Progress): Promise<LossGrid> {
    const info = this.info(id);
    checkGridSize(size);
    const b = await this.built(id);
    return this.grids.run(`${id}:${b.recipeHash}:grid${size}`, async (report) => {
      const cached = loadGrid(this.cacheDir, id, b.recipeHash, size, info.extent);
      if (cached.ok) return cached.value;
      if (cached.reason !== "missing") this.log.warn({ landscape: id, size, reason: cached.reason }, "ignoring a bad cached grid");
      const grid = await this.computeGrid(b, size, info.extent, report);
      this.store(() => saveGrid(this.cacheDir, id, b.recipeHash, grid), { landscape: id, size });
      return grid;
    }, onProgress);
  }

  /**
   * The loss grid of a turned slice (the slice `turns` lead to) over `extent`, in the bulk lane: a
   * reveal's map of a slice a walker visited. Kept in memory while recent, never on disk.
   */
  async turnedGrid(id: string, turns: TurnSpec[], size: number, extent: Extent): Promise<LossGrid> {
    this.info(id);
    checkGridSize(size);
    const b = await this.built(id);
    const key = `${id}:${b.recipeHash}|${turnsKey(turns)}:${size}:${extent.x.join(",")},${extent.y.join(",")}`;
    return this.grids.run(key, (report) => this.computeGrid(b, size, extent, report, false, turns));
  }

  /**
   * The field grid (lib/landscape/grid.ts fieldOf): the map widened by the margin a round may shift
   * its window by, at the standard spacing. A build computes it; rounds crop their window from it.
   */
  async field(id: string): Promise<LossGrid> {
    const info = this.info(id);
    const b = await this.built(id);
    const f = fieldOf(info);
    return this.grids.run(`${id}:${b.recipeHash}:field${f.size}`, async (report) => {
      const cached = loadGrid(this.cacheDir, id, b.recipeHash, f.size, f.extent, "field");
      if (cached.ok) return cached.value;
      if (cached.reason !== "missing") this.log.warn({ landscape: id, reason: cached.reason }, "ignoring a bad cached field grid");
      const grid = await this.computeGrid(b, f.size, f.extent, report);
      this.store(() => saveGrid(this.cacheDir, id, b.recipeHash, grid, "field"), { landscape: id });
      return grid;
    });
  }

  /**
   * An optimizer's walk from start: start plus one point per step, stopping where it leaves
   * `opts.window` (a round's window on the field; the map's extent by default).
   */
  async ghost(id: string, start: [number, number], opts: GhostRequest): Promise<GhostPoint[]> {
    const info = this.info(id);
    checkGhost(info, start, opts);
    const b = await this.built(id);
    const ghostOpts: GhostOptions = { optimizer: opts.optimizer, lr: opts.lr, steps: opts.steps, batch: opts.batch, seed: opts.seed, extent: opts.window ?? info.extent };
    return this.withSlice(b, (ref) => this.pool.run({ kind: "ghost", ...ref, start: [start[0], start[1]], opts: ghostOpts }, { priority: opts.lane ?? "interactive" }));
  }

  /** Pool facts and probe counts (answered here, sent to the workers) for the health endpoint. */
  health(): ReturnType<WorkerPool["stats"]> & { probes: { local: number; pooled: number } } {
    return { ...this.pool.stats(), probes: { ...this.probeCounts } };
  }

  /** Test hook: a worker exits ("exit"), dies of an uncaught error ("uncaught") or throws a bug ("throw"); rejects with worker_failed. */
  async crashWorkerForTest(how: "exit" | "throw" | "uncaught"): Promise<void> {
    await this.pool.run({ kind: "crash", how }, { priority: "interactive" });
  }

  /** Stops the workers. Calls after close fail. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.close();
  }

  /**
   * The memoised build: the local cache; else (a cluster) the files another node published; else
   * train on one worker + the field grid on all, save, and publish (one node at a time per
   * landscape in a cluster: the others wait for its files).
   */
  private built(id: string, onProgress?: Progress): Promise<BuiltLandscape> {
    const recipe = getRecipe(id);
    const hash = this.hashes.get(recipe.id)!; // every catalog recipe is in the map
    return this.builds.run(`${id}:${hash}`, async (report) => {
      const local = this.fromCache(id, hash, paramCount(recipe.spec), report);
      if (local) return local;
      const shared = this.shared;
      if (!shared) return this.train(id, hash, report);
      const files = this.buildFiles(id, hash);
      const fetched = async () => ((await shared.fetch(this.cacheDir, files)) ? this.fromCache(id, hash, paramCount(recipe.spec), report) : null);
      const theirs = await fetched();
      if (theirs) return theirs;
      return shared.alone(`${id}.${hash}`, async () => {
        const meanwhile = await fetched(); // built by the node that held the lock before us
        if (meanwhile) return meanwhile;
        const built = await this.train(id, hash, report);
        await shared.publish(this.cacheDir, files).catch((e: unknown) => this.log.warn({ landscape: id, err: String(e) }, "could not share the built landscape"));
        return built;
      });
    }, onProgress);
  }

  /** The cache files a build makes (what the nodes of a cluster share). */
  private buildFiles(id: string, hash: string): string[] {
    const f = fieldOf(this.info(id));
    return [landscapePath("", id, hash), gridPath("", id, hash, f.size, "field")];
  }

  /** The landscape from the local cache, or null (a bad file is logged and ignored). */
  private fromCache(id: string, hash: string, params: number, report: (fraction: number, label: string) => void): BuiltLandscape | null {
    const cached = loadLandscape(this.cacheDir, id, hash, params);
    if (cached.ok) {
      this.log.debug({ landscape: id }, "landscape loaded from cache");
      report(1, "loaded from cache");
      return cached.value;
    }
    if (cached.reason !== "missing") this.log.warn({ landscape: id, reason: cached.reason }, "ignoring a bad cached landscape");
    return null;
  }

  /** Trains a landscape on one worker, maps its field on all, and saves both. */
  private async train(id: string, hash: string, report: (fraction: number, label: string) => void): Promise<BuiltLandscape> {
    const t0 = performance.now();
    this.log.info({ landscape: id }, "building landscape");
    report(0, "training");
    const trained = await this.pool.run({ kind: "train", id }, {
      priority: "bulk",
      onProgress: (p) => report(TRAIN_SHARE * p.fraction, p.label),
    });
    // Nothing is on disk yet, so the rows go out with the slice from the start.
    const f = fieldOf(trained.info);
    const grid = await this.computeGrid(trained, f.size, f.extent, (p) => report(TRAIN_SHARE + (1 - TRAIN_SHARE) * p, "mapping the landscape"), true);
    const built = finishLandscape(trained, grid);
    this.store(() => {
      saveLandscape(this.cacheDir, built);
      saveGrid(this.cacheDir, id, hash, grid, "field");
      const pruned = pruneStale(this.cacheDir, id, hash);
      if (pruned.length) this.log.info({ landscape: id, pruned }, "pruned stale cache files");
    }, { landscape: id });
    this.grids.set(`${id}:${hash}:field${f.size}`, grid);
    report(1, "done");
    this.log.info({ landscape: id, ms: Math.round(performance.now() - t0), minimum: built.minimum }, "landscape built");
    return built;
  }

  /** Splits the grid's rows into chunks, runs them on the pool (bulk lane) and joins them. */
  private async computeGrid(b: Landscape, size: number, extent: Extent, report: Progress, sliceUpFront = false, turns: TurnSpec[] = []): Promise<LossGrid> {
    const values = new Float32Array(size * size);
    const rowsPer = Math.max(1, Math.round(POINTS_PER_TASK / size));
    let done = 0;
    const chunks: Promise<void>[] = [];
    for (let row0 = 0; row0 < size; row0 += rowsPer) {
      const row1 = Math.min(size, row0 + rowsPer);
      chunks.push((async () => {
        const rows = await this.withSlice(b, (r) => this.pool.run({ kind: "rows", ...r, ...withTurns(turns), size, extent, row0, row1 }, { priority: "bulk" }), sliceUpFront);
        values.set(rows, row0 * size);
        done += row1 - row0;
        report(done / size, "mapping the landscape");
      })());
    }
    await Promise.all(chunks);
    return assembleGrid(values, size, { x: [extent.x[0], extent.x[1]], y: [extent.y[0], extent.y[1]] });
  }

  /**
   * Runs a task naming a landscape; if the worker holds none and the disk has none, resends it
   * with the slice (or sends the slice at once when sliceUpFront).
   */
  private async withSlice<T>(b: Landscape, run: (ref: LandscapeRef) => Promise<T>, sliceUpFront = false): Promise<T> {
    if (this.closed) throw new LandscapeError("worker_failed", "The training core is closed.");
    const named: LandscapeRef = { id: b.info.id, hash: b.recipeHash };
    const withData = (): LandscapeRef => ({ ...named, slice: { spec: b.spec, center: b.center, d1: b.d1, d2: b.d2 } });
    if (sliceUpFront) return run(withData());
    try {
      return await run(named);
    } catch (e) {
      if (!(e instanceof NeedSliceError)) throw e;
      return run(withData());
    }
  }

  /** Writes to the cache; a failure (read-only disk, full disk) is logged, never fatal: memory still holds it. */
  private store(write: () => void, ctx: object): void {
    try {
      mkdirSync(this.cacheDir, { recursive: true });
      write();
    } catch (e) {
      this.log.warn({ ...ctx, err: String(e) }, "could not write the landscape cache");
    }
  }
}

export type { GhostRequest };

/** The turns a task carries: none for the landscape's own slice (its tasks stay as they were). */
function withTurns(turns: TurnSpec[]): { turns?: TurnSpec[] } {
  return turns.length ? { turns } : {};
}
