// `npx tsx tests/load/serve.ts`: the real game server without Next (no build needed), for the
// load tool. The same services and socket.io server as server/main.ts (training core with its
// worker pool, embedded database), as tests/integration/support/harness.ts boots them.
// Environment: PORT (0 = any free port), HOST (127.0.0.1), DATA_DIR (a new temporary directory),
// TRAINING_THREADS, LOG_LEVEL (warn); SERVE_GC_LOG=1 logs to stderr every main-thread GC pause and
// event-loop stall of 10 ms or more, with its epoch ms, and the memory in use every 10 s (diagnostics). Prints the URL on one line; SIGTERM/SIGINT stop it cleanly.
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PerformanceObserver, type PerformanceEntry } from "node:perf_hooks";
import { pino } from "pino";
import { z } from "zod";
import { openServices } from "../../server/services";
import { startServer } from "../../server/app";

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(0),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).optional(),
  TRAINING_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("warn"),
  SERVE_GC_LOG: z.enum(["0", "1"]).default("0"),
});
const env = Env.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
if (!env.success) {
  const issue = env.error.issues[0]!;
  console.error(`Bad configuration: ${String(issue.path[0])} ${issue.message}`);
  process.exit(2);
}
const { PORT, HOST, TRAINING_THREADS, LOG_LEVEL } = env.data;
const dataDir = env.data.DATA_DIR ? resolve(env.data.DATA_DIR) : mkdtempSync(join(tmpdir(), "downhill-load-"));
mkdirSync(dataDir, { recursive: true });

if (env.data.SERVE_GC_LOG === "1") {
  const kinds: Record<number, string> = { 1: "minor", 2: "major", 4: "incremental", 8: "weakcb" };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[]) {
      if (e.duration >= 10) console.error(`gc ${kinds[e.detail?.kind ?? 0] ?? "other"} ${e.duration.toFixed(1)} ms at ${Math.round(Date.now() - (performance.now() - e.startTime))}`);
    }
  }).observe({ entryTypes: ["gc"] });
  let beat = performance.now();
  setInterval(() => {
    const now = performance.now();
    const stall = now - beat - 5;
    beat = now;
    if (stall >= 10) console.error(`stall ${stall.toFixed(1)} ms at ${Date.now()}`);
  }, 5).unref();
  const mb = (n: number) => Math.round(n / 2 ** 20);
  setInterval(() => {
    const m = process.memoryUsage();
    console.error(`memory rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} MB, external ${mb(m.external)} MB, array buffers ${mb(m.arrayBuffers)} MB at ${Date.now()}`);
  }, 10_000).unref();
}

const log = pino({ level: LOG_LEVEL, base: { app: "downhill-serve" } });
const services = await openServices({ dataDir, threads: TRAINING_THREADS, log });
const server = await startServer({
  host: HOST, port: PORT, log,
  landscapes: services.landscapes, results: services.results, board: services.board, health: services.health,
});
console.log(server.url);
console.error(`serving ${server.url} (pid ${process.pid}, data ${dataDir})`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  await server.close();
  await services.close();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
