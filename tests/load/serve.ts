// `npx tsx tests/load/serve.ts`: the real game server without Next (no build needed), for the
// load tool. The same services and socket.io server as server/main.ts (training core with its
// worker pool, embedded database), as tests/integration/support/harness.ts boots them.
// Environment: PORT (0 = any free port), HOST (127.0.0.1), DATA_DIR (a new temporary directory),
// TRAINING_THREADS, LOG_LEVEL (warn). Prints the URL on one line; SIGTERM/SIGINT stop it cleanly.
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
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
