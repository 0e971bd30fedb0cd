// `npm run bench [-- --json] [--landscapes a,b] [--threads N]`: the training core against TF.js
// (CPU backend) on the same landscapes, in the same process; every catalog landscape unless
// --landscapes names some. Rows: loss-and-slope evaluations per
// second (the worker pool under many concurrent probes, and one thread), and the 256×256 reveal
// grid (pool, and one thread; TF.js timed on a sample of rows and scaled). Ratio = how many times
// faster the core is. It also checks that both compute the same numbers.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { CATALOG, createSliceEvaluator, getRecipe, gridCoordinate, LandscapeError, Rng, type BuiltLandscape } from "../../lib/landscape/index";
import { parseArgs, toNumber, toolEnvironment, UsageError } from "../cli/args";
import { progressBar } from "../cli/progress";
import { cacheDirOf, landscapePath } from "../training/cache";
import { TrainingCore } from "../training/core";
import { loadDataset } from "../training/datasets";
import { rate, relDiff, relDiff2, timed } from "./measure";
import { createTfSlice, useTfCpu } from "./tfjs-slice";

/** One row of the result. */
interface Row {
  landscape: string;
  metric: string;
  core: number;
  tfjs: number;
  ratio: number;
  maxRelDiff?: number;
}

const GRID = 256;
const SAMPLE_ROWS = [0, 85, 170, 255]; // TF.js grid rows actually computed (then scaled to 256)

const say = (line: string) => process.stderr.write(`${line}\n`);

/** The command line and environment; a mistake in either is one line on stderr and exit 2 (the CLI's rule). */
function setup(): { json: boolean; ids: string[]; threads: number | undefined; dataDir: string } {
  try {
    const args = parseArgs(process.argv.slice(2), { json: "boolean", landscapes: "string", threads: "string" });
    return {
      json: args.options.json === true,
      ids: args.options.landscapes === undefined ? CATALOG.map((r) => r.id) : String(args.options.landscapes).split(",").map((s) => getRecipe(s.trim()).id),
      threads: args.options.threads === undefined ? undefined : toNumber(args.options.threads),
      dataDir: toolEnvironment().dataDir,
    };
  } catch (e) {
    if (!(e instanceof UsageError || e instanceof LandscapeError)) throw e;
    say(`bench: ${e.message}`);
    process.exit(2);
  }
}
const { json, ids, threads, dataDir } = setup();
const logger = pino({ level: "silent" });

// 1. Build (or load) in the real data dir, so the landscapes are cached for everyone.
const home = await TrainingCore.create({ dataDir, logger, threads });
const built = new Map<string, BuiltLandscape>();
for (const id of ids) {
  const bar = progressBar(`building ${id}`);
  await home.ensure(id, (f, l) => bar.update(f, l));
  bar.done();
  built.set(id, await home.secret(id));
}
await home.close();

// 2. Measure in a scratch data dir holding only the built landscapes, so no grid comes from a cache.
const scratch = mkdtempSync(join(tmpdir(), "downhill-bench-"));
mkdirSync(cacheDirOf(scratch), { recursive: true });
for (const [id, b] of built) {
  const from = landscapePath(cacheDirOf(dataDir), id, b.recipeHash);
  if (existsSync(from)) copyFileSync(from, landscapePath(cacheDirOf(scratch), id, b.recipeHash));
}
// Every probe goes to the pool here (the server answers cheap ones on its main thread: dispatch.ts).
const core = await TrainingCore.create({ dataDir: scratch, logger, threads, localProbes: false });
const poolThreads = core.health().threads;
await useTfCpu();

const rows: Row[] = [];
const agreement: string[] = [];
try {
  for (const [id, b] of built) {
    const info = b.info;
    const ds = loadDataset(getRecipe(id).dataset);
    const ev = createSliceEvaluator(b, ds);
    const tfs = createTfSlice(b, ds);
    const rng = new Rng(20_251);
    const pts: [number, number][] = Array.from({ length: 512 }, () => [
      info.extent.x[0] + rng.next() * (info.extent.x[1] - info.extent.x[0]),
      info.extent.y[0] + rng.next() * (info.extent.y[1] - info.extent.y[0]),
    ]);
    const pt = (i: number) => pts[i % pts.length]!;
    say(`${id}: ${info.architecture}, ${ds.n} samples, ${info.params} parameters; ${ev.kernels} kernels`);

    // Agreement: the pool, one thread and TF.js at the same points.
    let dLoss = 0;
    let dSlope = 0;
    let dThreads = 0;
    for (let i = 0; i < 16; i++) {
      const [x, y] = pt(i);
      const pooled = await core.probe(id, x, y);
      const direct = ev.felt(x, y);
      const ref = tfs.felt(x, y);
      dThreads = Math.max(dThreads, relDiff(pooled.loss, direct.loss), relDiff2(pooled.grad, direct.grad));
      dLoss = Math.max(dLoss, relDiff(pooled.loss, ref.loss));
      dSlope = Math.max(dSlope, relDiff2(pooled.grad, ref.grad));
    }
    agreement.push(`${id}: pool vs one thread ${dThreads.toExponential(1)} (must be 0); core vs TF.js: loss ${dLoss.toExponential(1)}, slope ${dSlope.toExponential(1)}`);

    // (a) Evaluations per second.
    say(`  timing loss-and-slope evaluations...`);
    rate((i) => tfs.felt(...pt(i)), 0, 3); // warm-up
    const tfRate = rate((i) => tfs.felt(...pt(i)), 2000, 5).perSec;
    rate((i) => ev.felt(...pt(i)), 200, 10);
    const oneRate = rate((i) => ev.felt(...pt(i)), 1500, 20).perSec;
    await Promise.all(Array.from({ length: 4 * poolThreads }, (_, i) => core.probe(id, ...pt(i)))); // every worker holds it
    const count = Math.max(200, Math.round(oneRate * poolThreads * 2));
    const pool = await timed(() => Promise.all(Array.from({ length: count }, (_, i) => core.probe(id, ...pt(i)))));
    const poolRate = (1000 * count) / pool.ms;
    rows.push({ landscape: id, metric: `probe/s, pool of ${poolThreads} (${count} concurrent)`, core: poolRate, tfjs: tfRate, ratio: poolRate / tfRate, maxRelDiff: Math.max(dLoss, dSlope) });
    rows.push({ landscape: id, metric: "probe/s, one thread", core: oneRate, tfjs: tfRate, ratio: oneRate / tfRate, maxRelDiff: Math.max(dLoss, dSlope) });

    // (b) The reveal grid, seconds.
    say(`  timing the ${GRID}×${GRID} grid...`);
    const xs = Array.from({ length: GRID }, (_, i) => gridCoordinate(info.extent.x[0], info.extent.x[1], GRID, i));
    const ys = SAMPLE_ROWS.map((j) => gridCoordinate(info.extent.y[0], info.extent.y[1], GRID, j));
    tfs.lossRow(xs.slice(0, 4), ys[0]!); // warm-up
    const tfSample = rate((k) => tfs.lossRow(xs, ys[k]!), 0, SAMPLE_ROWS.length);
    const tfGridSec = (tfSample.ms / 1000) * (GRID / SAMPLE_ROWS.length);
    const oneRow = new Float32Array(GRID);
    ev.gridRows(GRID, info.extent, 1, 2, oneRow); // warm-up, as TF.js had
    const oneSample = rate((k) => ev.gridRows(GRID, info.extent, SAMPLE_ROWS[k]!, SAMPLE_ROWS[k]! + 1, oneRow), 0, SAMPLE_ROWS.length);
    const oneGridSec = (oneSample.ms / 1000) * (GRID / SAMPLE_ROWS.length);
    const grid = await timed(() => core.grid(id, GRID));
    let dGrid = 0;
    SAMPLE_ROWS.forEach((j, k) => {
      const ref = tfs.lossRow(xs, ys[k]!);
      for (let i = 0; i < GRID; i++) dGrid = Math.max(dGrid, relDiff(grid.value.values[j * GRID + i]!, ref[i]!));
    });
    agreement.push(`${id}: ${GRID}×${GRID} grid core vs TF.js on rows ${SAMPLE_ROWS.join(", ")}: ${dGrid.toExponential(1)}`);
    const poolSec = grid.ms / 1000;
    rows.push({ landscape: id, metric: `grid ${GRID}² seconds, pool of ${poolThreads} (TF.js: ${SAMPLE_ROWS.length} rows × ${GRID / SAMPLE_ROWS.length})`, core: poolSec, tfjs: tfGridSec, ratio: tfGridSec / poolSec, maxRelDiff: dGrid });
    rows.push({ landscape: id, metric: `grid ${GRID}² seconds, one thread (both: ${SAMPLE_ROWS.length} rows × ${GRID / SAMPLE_ROWS.length})`, core: oneGridSec, tfjs: tfGridSec, ratio: tfGridSec / oneGridSec, maxRelDiff: dGrid });
    tfs.dispose();
  }
} finally {
  await core.close();
  rmSync(scratch, { recursive: true, force: true });
}

if (json) {
  process.stdout.write(`${JSON.stringify(rows)}\n`);
} else {
  const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toPrecision(3));
  const table = [["landscape", "metric", "core", "TF.js", "ratio"], ...rows.map((r) => [r.landscape, r.metric, fmt(r.core), fmt(r.tfjs), `${r.ratio.toFixed(1)}×`])];
  const w = [0, 1, 2, 3, 4].map((c) => Math.max(...table.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c < 2 ? cell.padEnd(w[c]!) : cell.padStart(w[c]!))).join("  ");
  console.log(line(table[0]!));
  console.log(w.map((n) => "-".repeat(n)).join("  "));
  for (const r of table.slice(1)) console.log(line(r));
  console.log("\nratio = how many times faster the core is (TF.js CPU backend computes in float32, the core in float64).");
  console.log("Max relative difference:");
  for (const a of agreement) console.log(`  ${a}`);
}
