// `npm run loadtest -- --url URL --rooms R --players P --rate S --seconds T [--landscape ID]
//   [--budget N] [--workers W] [--flood N] [--server-pid PID] [--json]`
// Drives real socket.io bots against a running server: R classrooms, each a host and P students,
// every student stepping S times a second for T seconds (one step in flight at a time, as the
// game allows). Prints the step round-trip percentiles, errors and lost steps; with --json one
// line {"players","p50","p95","p99","errors","lost",…}. Bad arguments: exit 2 with one line; a
// server that cannot be reached or set up: exit 1 with one line.
// The landscape is built (warm-up) before anything is measured. With --workers W the rooms are
// split over W worker threads (for when the bots' own thread is the bottleneck). Each classroom
// plays from its own address (X-Forwarded-For: run the server with TRUST_PROXY=1 to see them).
// With --flood N, N sockets from one other address keep asking for the costliest work (flood.ts)
// while the classrooms step; the result's "flood" says what they asked and what was admitted.
// With --server-pid (a server on this machine) the server's CPU time in the window is read from
// /proc by thread: its main thread's and the others' (training workers), per second and per step.
// The server's /healthz is read at both ends of the window too: heap and RSS, the share of the
// window spent in garbage collection, and the journal's writes (events per group commit).
import { Worker } from "node:worker_threads";
import { parseLoadArgs, walkBudget, type LoadOptions } from "./args";
import { Fleet, warmUp } from "./bots";
import { buildResult, emptyTally, formatResult, mergeTally, type Tally } from "./stats";
import { flood, type FloodTally } from "./flood";
import { cpuBetween, threadCpu } from "./server-cpu";
import type { FromWorker, ToWorker } from "./worker";

const parsed = parseLoadArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(parsed.error);
  process.exit(2);
}
const opts = parsed.options;
const say = (line: string) => { if (!opts.json) console.error(line); };
const fail = (what: string, e: unknown): never => {
  console.error(`${what}: ${e instanceof Error ? e.message : String(e)}`.replace(/\s*\n\s*/g, " "));
  process.exit(1);
};
/** The bots start stepping this long after every room is ready (time for the go to reach workers). */
const START_DELAY_MS = 500;

/** The rooms of worker w of n (round robin). */
const share = (w: number, n: number) => Array.from({ length: opts.rooms }, (_, r) => r).filter((r) => r % n === w);

/** A fleet in this thread, or in a worker thread; the same three steps either way. */
interface Driver { setup(): Promise<void>; run(startAt: number): Promise<Tally>; close(): void }

function inThread(o: LoadOptions, rooms: number[]): Driver {
  const fleet = new Fleet(o, rooms);
  return { setup: () => fleet.setup(), run: (at) => fleet.run(at), close: () => fleet.close() };
}

function inWorker(o: LoadOptions, rooms: number[]): Driver {
  // A worker does not inherit tsx's loader: it registers it, then imports the TypeScript entry.
  const boot = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.resolve("./worker.ts"))}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { options: o, rooms } });
  const next = <T extends FromWorker["type"]>(type: T) => new Promise<Extract<FromWorker, { type: T }>>((resolve, reject) => {
    const onMessage = (m: FromWorker) => {
      if (m.type === type) { off(); resolve(m as Extract<FromWorker, { type: T }>); }
      else if (m.type === "failed") { off(); reject(new Error(m.error)); }
    };
    const onError = (e: Error) => { off(); reject(e); };
    const onExit = (code: number) => { off(); reject(new Error(`a bot worker exited (code ${code})`)); };
    const off = () => { worker.off("message", onMessage); worker.off("error", onError); worker.off("exit", onExit); };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
  });
  const post = (m: ToWorker) => worker.postMessage(m);
  const ready = next("ready");
  return {
    setup: async () => { await ready; },
    run: async (startAt) => { const done = next("done"); post({ type: "go", startAt }); return (await done).tally; },
    close: () => { post({ type: "close" }); },
  };
}

const budget = walkBudget(opts);
const t0 = performance.now();
say(`Warming up the ${opts.landscape} landscape on ${opts.url}…`);
try {
  const ms = await warmUp(opts);
  say(`Landscape ready in ${(ms / 1000).toFixed(1)} s.`);
} catch (e) {
  fail("Could not warm up the server", e);
}

say(`Setting up ${opts.rooms} room${opts.rooms === 1 ? "" : "s"} × ${opts.players} players (budget ${budget} steps a walk${opts.workers > 1 ? `, ${opts.workers} worker threads` : ""})…`);
const drivers = opts.workers === 1 ? [inThread(opts, share(0, 1))] : Array.from({ length: opts.workers }, (_, w) => inWorker(opts, share(w, opts.workers)));
try {
  await Promise.all(drivers.map((d) => d.setup()));
} catch (e) {
  for (const d of drivers) d.close();
  fail("Could not set up the rooms", e);
}
say(`Ready in ${((performance.now() - t0) / 1000).toFixed(1)} s; stepping at ${opts.rate}/s per player for ${opts.seconds} s…`);

const startAt = Date.now() + START_DELAY_MS;
let tally = emptyTally();
let flooded: FloodTally | null = null;
let serverCpu: { mainMs: number; otherMs: number } | null = null;
let health: { before: Health; after: Health } | null = null;
try {
  const flooding = opts.flood > 0 ? flood(opts.url, opts.flood, startAt + opts.seconds * 1000) : null;
  const pid = opts.serverPid;
  const watching = (async () => {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
    const [before, healthBefore] = await Promise.all([pid === undefined ? null : threadCpu(pid), healthOf(opts.url)]);
    await new Promise((resolve) => setTimeout(resolve, opts.seconds * 1000));
    const [after, healthAfter] = await Promise.all([pid === undefined ? null : threadCpu(pid), healthOf(opts.url)]);
    return { cpu: pid !== undefined && before && after ? cpuBetween(pid, before, after) : null, health: healthBefore && healthAfter ? { before: healthBefore, after: healthAfter } : null };
  })();
  for (const t of await Promise.all(drivers.map((d) => d.run(startAt)))) tally = mergeTally(tally, t);
  ({ cpu: serverCpu, health } = await watching);
  flooded = flooding ? await flooding : null;
} catch (e) {
  for (const d of drivers) d.close();
  fail("The run failed", e);
}
for (const d of drivers) d.close();
const base = buildResult(tally, { rooms: opts.rooms, players: opts.players, rate: opts.rate, seconds: opts.seconds, budget, landscape: opts.landscape, workers: opts.workers });
const server = serverCpu || health ? { ...(serverCpu ? serverCpuFigures(serverCpu, opts.seconds, base.steps) : {}), ...(health ? healthFigures(health.before, health.after, opts.seconds) : {}) } : null;
const result = { ...base, ...(flooded ? { flood: flooded } : {}), ...(server ? { server } : {}) };
const lines = [formatResult(result)];
if (flooded) lines.push(`flood: ${flooded.sockets} sockets from one address asked ${flooded.asked} times, ${flooded.admitted} admitted, ${flooded.refused} refused`);
if (server && "mainCpu" in server) lines.push(`server CPU: main thread ${server.mainCpu}% of a core (${server.mainUsPerStep} µs a step), other threads ${server.otherCpu}% (${server.otherUsPerStep} µs a step)`);
const mem = server && "heapTotalMB" in server ? server : null;
if (mem?.heapUsedMB && mem.heapTotalMB && mem.rssMB) lines.push(`server memory: heap ${mem.heapUsedMB[0]} → ${mem.heapUsedMB[1]} MB used, ${mem.heapTotalMB[0]} → ${mem.heapTotalMB[1]} MB total, rss ${mem.rssMB[0]} → ${mem.rssMB[1]} MB; GC ${mem.gcPct}% of the window (${mem.gcCount} collections)`);
if (mem?.journalWrites !== undefined) lines.push(`journal: ${mem.journalWrites} writes in the window, ${mem.eventsPerWrite} events a write`);
console.log(opts.json ? JSON.stringify(result) : lines.join("\n"));
process.exit(0);

/** What the server's /healthz says of its memory, GC and journal (a server without them: null). */
interface Health { process?: { heapUsedMB: number; heapTotalMB: number; rssMB: number; gc: { count: number; ms: number } }; journal?: { writes: number; events: number } }

async function healthOf(url: string): Promise<Health | null> {
  try {
    const res = await fetch(new URL("/healthz", url));
    return res.ok ? ((await res.json()) as Health) : null;
  } catch {
    return null;
  }
}

/** Heap and RSS at both ends of the window, GC time as % of it, and the journal's writes in it. */
function healthFigures(a: Health, b: Health, seconds: number) {
  const out: Record<string, unknown> = {};
  if (a.process && b.process) {
    Object.assign(out, {
      heapUsedMB: [a.process.heapUsedMB, b.process.heapUsedMB], heapTotalMB: [a.process.heapTotalMB, b.process.heapTotalMB], rssMB: [a.process.rssMB, b.process.rssMB],
      gcCount: b.process.gc.count - a.process.gc.count, gcPct: Math.round(((b.process.gc.ms - a.process.gc.ms) / (seconds * 1000)) * 1000) / 10,
    });
  }
  if (a.journal && b.journal) {
    const writes = b.journal.writes - a.journal.writes;
    Object.assign(out, { journalWrites: writes, eventsPerWrite: writes > 0 ? Math.round(((b.journal.events - a.journal.events) / writes) * 10) / 10 : null });
  }
  return out as { heapUsedMB?: [number, number]; heapTotalMB?: [number, number]; rssMB?: [number, number]; gcCount?: number; gcPct?: number; journalWrites?: number; eventsPerWrite?: number | null };
}

/** The server's CPU in the window: % of one core, and µs per answered step, for its main thread and its other threads. */
function serverCpuFigures(cpu: { mainMs: number; otherMs: number }, seconds: number, steps: number) {
  const pct = (ms: number) => Math.round((ms / (seconds * 1000)) * 100);
  const per = (ms: number) => (steps > 0 ? Math.round((ms * 1000) / steps) : null);
  return { mainCpu: pct(cpu.mainMs), otherCpu: pct(cpu.otherMs), mainUsPerStep: per(cpu.mainMs), otherUsPerStep: per(cpu.otherMs) };
}
