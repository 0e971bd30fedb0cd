// `npx tsx server/bench/dispatch.ts [--landscapes a,b] [--json]`: what a probe costs the server's
// main thread answered there (the wasm kernels in this thread) against sent to a worker (piscina:
// the queue, a structured clone each way, the promise), in the same run. The main thread's busy
// time is its event loop's active time (performance.eventLoopUtilization): while it waits for a
// worker it is idle. Two patterns: probes one after another (a quiet server), and bursts of 30 in
// one turn of the event loop (a class stepping at once: the batcher sends them together). The
// ratio says how many times more of the main thread a trip to a worker costs; above 1 the probe
// is cheaper answered at home. local-probes.ts draws its line from these figures.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pino } from "pino";
import { CATALOG, createSliceEvaluator, getRecipe, LandscapeError, Rng } from "../../lib/landscape/index";
import { parseArgs, toolEnvironment, UsageError } from "../cli/args";
import { cacheDirOf, landscapePath } from "../training/cache";
import { TrainingCore } from "../training/core";
import { loadDataset } from "../training/datasets";
import { LOCAL_PROBE_MAX_WORK, probeWork } from "../training/local-probes";

const say = (line: string) => process.stderr.write(`${line}\n`);
let json = false;
let ids: string[] = CATALOG.map((r) => r.id);
try {
  const args = parseArgs(process.argv.slice(2), { json: "boolean", landscapes: "string" });
  json = args.options.json === true;
  if (args.options.landscapes !== undefined) ids = String(args.options.landscapes).split(",").map((s) => getRecipe(s.trim()).id);
} catch (e) {
  if (!(e instanceof UsageError || e instanceof LandscapeError)) throw e;
  say(`dispatch: ${e.message}`);
  process.exit(2);
}

const logger = pino({ level: "silent" });
const dataDir = toolEnvironment().dataDir;
// Build (or load) in the real data dir; measure in a scratch copy.
const home = await TrainingCore.create({ dataDir, logger });
const hashes = new Map<string, string>();
for (const id of ids) {
  say(`loading ${id}…`);
  await home.ensure(id);
  hashes.set(id, (await home.secret(id)).recipeHash);
}
await home.close();
const scratch = mkdtempSync(join(tmpdir(), "downhill-dispatch-"));
mkdirSync(cacheDirOf(scratch), { recursive: true });
for (const [id, hash] of hashes) {
  const from = landscapePath(cacheDirOf(dataDir), id, hash);
  if (existsSync(from)) copyFileSync(from, landscapePath(cacheDirOf(scratch), id, hash));
}

/** This thread's CPU time so far, ms: Linux's per-thread scheduler clock (workers' time is theirs, not ours); null elsewhere. */
function threadCpuMs(): number | null {
  try {
    return Number(readFileSync("/proc/thread-self/schedstat", "utf8").split(" ")[0]) / 1e6;
  } catch {
    return null;
  }
}

/**
 * Main-thread µs and wall µs per probe of a job of `count` probes. The main thread's share is its
 * own CPU time where Linux tells it (robust on a busy machine), else its event loop's active time.
 */
async function busy(count: number, job: () => Promise<unknown>): Promise<{ mainUs: number; wallUs: number; allUs: number }> {
  const all0 = process.cpuUsage();
  const cpu0 = threadCpuMs();
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  await job();
  const wall = performance.now() - t0;
  const elu = performance.eventLoopUtilization(elu0);
  const cpu1 = threadCpuMs();
  const all = process.cpuUsage(all0);
  const main = cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : elu.active > 0 ? Math.min(elu.active, wall) : wall;
  return { mainUs: (1000 * main) / count, wallUs: (1000 * wall) / count, allUs: (all.user + all.system) / count };
}

interface Row { landscape: string; work: number; local: number; workerSeq: number; allSeq: number; tripSeq: number; workerBurst: number; allBurst: number; ratioSeq: number; ratioBurst: number; answered: string }
const rows: Row[] = [];
const pooled = await TrainingCore.create({ dataDir: scratch, logger, threads: 2, localProbes: false });
const local = await TrainingCore.create({ dataDir: scratch, logger, threads: 2 });
try {
  for (const id of ids) {
    const info = pooled.info(id);
    const rng = new Rng(7);
    const pts = Array.from({ length: 256 }, () => [info.extent.x[0] + rng.next() * (info.extent.x[1] - info.extent.x[0]), info.extent.y[0] + rng.next() * (info.extent.y[1] - info.extent.y[0])] as const);
    const seq = async (core: TrainingCore, n: number) => { for (let i = 0; i < n; i++) await core.probe(id, ...pts[i % pts.length]!); };
    // The arithmetic alone on this thread, as LocalProbes would do it (whether or not it does here).
    const ev = createSliceEvaluator(await local.secret(id), loadDataset(getRecipe(id).dataset));
    const direct = async (n: number) => { for (let i = 0; i < n; i++) ev.felt(...pts[i % pts.length]!); };
    const burst = async (core: TrainingCore, waves: number) => { for (let w = 0; w < waves; w++) await Promise.all(Array.from({ length: 30 }, (_, i) => core.probe(id, ...pts[(w * 30 + i) % pts.length]!))); };
    say(`${id}: measuring…`);
    await seq(pooled, 200); // warm-up: both workers hold the landscape, the JIT has seen the path
    await burst(pooled, 10);
    await seq(local, 200);
    const before = local.health().probes.local;
    const n = 2000;
    const w = await busy(n, () => seq(pooled, n));
    await direct(200);
    const l = await busy(n, () => direct(n));
    await seq(local, n); // which path the server takes
    const wb = await busy(30 * 60, () => burst(pooled, 60));
    const answered = local.health().probes.local > before ? "main thread" : "workers";
    const work = probeWork(getRecipe(id).spec, loadDataset(getRecipe(id).dataset).n);
    rows.push({ landscape: id, work, local: l.mainUs, workerSeq: w.mainUs, allSeq: w.allUs, tripSeq: w.wallUs, workerBurst: wb.mainUs, allBurst: wb.allUs, ratioSeq: w.mainUs / l.mainUs, ratioBurst: wb.mainUs / l.mainUs, answered });
  }
} finally {
  await pooled.close();
  await local.close();
  rmSync(scratch, { recursive: true, force: true });
}

if (json) process.stdout.write(`${JSON.stringify(rows)}\n`);
else {
  const f = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
  const head = ["landscape", "work (k mul-add)", "here µs", "one by one: main µs", "all threads µs", "round trip µs", "bursts of 30: main µs", "all threads µs", "ratio one by one", "ratio in bursts", "a player's probe is answered by"];
  const table = [head, ...rows.map((r) => [r.landscape, (r.work / 1000).toFixed(1), f(r.local), f(r.workerSeq), f(r.allSeq), f(r.tripSeq), f(r.workerBurst), f(r.allBurst), `${r.ratioSeq.toFixed(2)}×`, `${r.ratioBurst.toFixed(2)}×`, r.answered])];
  const wd = head.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 || c === head.length - 1 ? cell.padEnd(wd[c]!) : cell.padStart(wd[c]!))).join("  ");
  console.log(line(head));
  console.log(wd.map((k) => "-".repeat(k)).join("  "));
  for (const r of table.slice(1)) console.log(line(r));
  console.log(`\nhere = the probe computed on the main thread (the kernels alone); one by one / bursts of 30 = per probe sent to the pool of 2: the main thread's CPU time, and every thread's (the workers' arithmetic included).`);
  console.log(`ratio = worker main-thread µs / here µs: above 1, answering on the main thread costs it less. Local when work ≤ ${LOCAL_PROBE_MAX_WORK / 1000}k mul-adds.`);
}
