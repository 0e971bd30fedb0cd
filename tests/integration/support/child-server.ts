// The real server (no Next) in a process of its own, for the tests that kill it: `kill -9` and
// SIGTERM, then a restart on the same data. Prints one line {"url", "pid"} when it listens.
// Environment: DATA_DIR, DATABASE_URL (optional), TRUST_PROXY=1 to read client addresses from
// X-Forwarded-For.
import { pino } from "pino";
import { openServices } from "../../../server/services";
import { startServer } from "../../../server/app";

const log = pino({ level: process.env.TEST_LOG ?? "silent" });
const services = await openServices({ dataDir: process.env.DATA_DIR!, databaseUrl: process.env.DATABASE_URL || undefined, threads: 2, log });
const server = await startServer({
  host: "127.0.0.1", port: 0, log, landscapes: services.landscapes, results: services.results, board: services.board,
  journal: services.journal, homework: services.homework, health: services.health, trustProxy: process.env.TRUST_PROXY === "1",
});
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
process.on("SIGTERM", () => {
  void (async () => {
    await server.close();
    await services.close();
    process.exit(0);
  })();
});
