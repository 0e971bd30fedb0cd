// Composition root: config → logger → services (database, training core) → Next → HTTP +
// socket.io on one port. SIGTERM/SIGINT shut everything down cleanly, in reverse order.
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { parseConfig } from "./config";
import { createLogger } from "./log";
import { openServices } from "./services";
import { startServer } from "./app";
import { connectRedis } from "./cluster/cluster";
import { hostname, networkInterfaces } from "node:os";
import { joinBase as joinBaseOf } from "./http/join-url";
import { watchProcess } from "./process-stats";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const parsed = parseConfig(process.env);
if (!parsed.ok) {
  console.error(parsed.error);
  process.exit(2);
}
const config = parsed.config;
const dev = process.argv.includes("--dev");
const human = process.stdout.isTTY === true;
const log = createLogger(config.LOG_LEVEL, human);
const dataDir = resolve(root, config.DATA_DIR);
mkdirSync(dataDir, { recursive: true });

// A cluster node when REDIS_URL is set (the database must then be a shared PostgreSQL).
if (config.REDIS_URL && !config.DATABASE_URL) {
  console.error("Bad configuration: REDIS_URL is set but DATABASE_URL is not: the nodes of a cluster share one PostgreSQL database (the embedded one is this process's own).");
  process.exit(2);
}
const nodeId = config.NODE_ID ?? `${hostname()}-${process.pid}`;
let redis: Awaited<ReturnType<typeof connectRedis>> | null = null;
try {
  redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, log) : null;
} catch (e) {
  console.error(`${(e as Error).message}. Check REDIS_URL, or leave it unset to run a single process.`);
  process.exit(1);
}
const processStats = watchProcess();
const services = await openServices({ dataDir, databaseUrl: config.DATABASE_URL, threads: config.TRAINING_THREADS, log, redis: redis ?? undefined });
const pagesApp = next({ dev, dir: root, hostname: config.HOST, port: config.PORT, quiet: !dev });
await pagesApp.prepare();
const handle = pagesApp.getRequestHandler();

// The address phones open (the projector's join link and QR code).
const joinBase = joinBaseOf({ publicUrl: config.PUBLIC_URL, host: config.HOST, port: config.PORT, interfaces: networkInterfaces() });
const server = await startServer({
  host: config.HOST,
  port: config.PORT,
  log,
  landscapes: services.landscapes,
  results: services.results,
  board: services.board,
  journal: services.journal, homework: services.homework,
  pages: (req, res) => handle(req, res),
  health: () => ({ ...services.health(), process: processStats() }),
  trustProxy: config.TRUST_PROXY === "1",
  allowedOrigins: config.ALLOWED_ORIGINS,
  dev,
  cluster: redis ? { redis, nodeId } : undefined,
  joinBase,
});
log.info({ url: server.url, join: joinBase ?? server.url, dataDir: join(dataDir), database: config.DATABASE_URL ? "postgresql" : "embedded", ...(redis ? { node: nodeId, redis: config.REDIS_URL } : {}) }, "Downhill is listening");
if (human) {
  // The line a teacher reads in the terminal: where to open the projector, and what phones open.
  const here = server.url.replace("127.0.0.1", "localhost");
  console.log(`\n  Downhill is ready.\n  On this computer:  ${here}/host\n  ${joinBase ? `Students open:     ${joinBase}/join (the projector shows the code and a QR code)` : "Students: this server listens on this computer only (HOST); set HOST=0.0.0.0 or PUBLIC_URL for phones."}\n`);
}
if (config.PREBUILD === "1") void services.prebuild();

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "shutting down");
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    await server.close();
    await redis?.close();
    await pagesApp.close?.();
    await services.close();
    log.info({}, "stopped");
    process.exit(0);
  } catch (e) {
    log.error({ err: String(e) }, "shutdown failed");
    process.exit(1);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
