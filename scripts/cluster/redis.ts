// The cluster's Redis: on 127.0.0.1 only, in the foreground under the script's own pid record,
// saving nothing to disk (what the nodes keep there, room leases, lives for seconds; the rooms
// themselves are in PostgreSQL).
import { mkdirSync } from "node:fs";
import type { Layout } from "./layout";
import { redisPong, waitFor } from "./probe";
import { startDetached, type Started } from "./processes";

/** Starts redis-server on 127.0.0.1:port; resolves once it answers PING. */
export async function startRedis(binary: string, layout: Layout, port: number, opts: { timeoutMs: number; abort?: AbortSignal; onStart: (s: Started) => void }): Promise<Started> {
  mkdirSync(layout.redis, { recursive: true });
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--protected-mode", "yes", "--daemonize", "no", "--save", "", "--appendonly", "no", "--dir", layout.redis];
  const started = await startDetached(binary, args, { cwd: layout.redis, env: process.env, logFile: layout.log("redis") });
  opts.onStart(started);
  await waitFor(() => redisPong(port), { what: `Redis on port ${port} to answer PING`, timeoutMs: opts.timeoutMs, exited: started.exited, log: layout.log("redis"), abort: opts.abort });
  return started;
}
