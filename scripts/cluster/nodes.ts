// Downhill nodes: each one is `node scripts/start.mjs` on its own loopback port with the same
// environment as every other node but PORT and NODE_ID. The landscapes are trained once, into the
// DATA_DIR they all share, before any node starts, so no node trains at start.
import { spawn } from "node:child_process";
import { openSync, closeSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ClusterError } from "./errors";
import type { Layout } from "./layout";
import { httpOk, waitFor } from "./probe";
import { startDetached, type Started } from "./processes";

/** The checkout the nodes run from (this file is scripts/cluster/nodes.ts). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const TSX = join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

/** What every node shares. */
export interface NodeShared {
  databaseUrl: string;
  redisUrl: string;
  dataDir: string;
}

/** The environment of one node: the caller's (PATH, TRAINING_THREADS…) plus the cluster's. */
export function nodeEnv(id: string, port: number, shared: NodeShared): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    NODE_ID: id,
    DATABASE_URL: shared.databaseUrl,
    REDIS_URL: shared.redisUrl,
    TRUST_PROXY: "1", // HAProxy replaces X-Forwarded-For with the client's address
    DATA_DIR: shared.dataDir,
    PREBUILD: "1",
    LOG_LEVEL: "info",
    NODE_ENV: "production", // not a test runner's "test", inherited when a test starts the cluster
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

/** The last non-empty line of a log file, for an error line. */
function lastLogLine(path: string): string {
  try {
    return readFileSync(path, "utf8").trim().split("\n").pop()?.trim().slice(0, 300) ?? "";
  } catch {
    return "";
  }
}

/** Trains and caches every catalog landscape into the shared DATA_DIR with the project's own CLI (`landscape build all`). */
export async function buildLandscapes(layout: Layout, abort?: AbortSignal): Promise<void> {
  const log = layout.log("landscapes");
  const fd = openSync(log, "w");
  try {
    const child = spawn(process.execPath, [TSX, join(ROOT, "server", "cli", "landscape.ts"), "build", "all"], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: layout.data },
      stdio: ["ignore", fd, fd],
      signal: abort,
    });
    const code = await new Promise<number | null>((res, rej) => {
      child.once("error", (e) => rej(e.name === "AbortError" ? new ClusterError("Interrupted while training the landscapes.") : new ClusterError(`Cannot run the landscape CLI: ${e.message}.`)));
      child.once("exit", (c) => res(c));
    });
    if (code !== 0) throw new ClusterError(`Training the landscapes failed (exit code ${code}): ${lastLogLine(log)} (see ${log}).`);
  } finally {
    closeSync(fd);
  }
}

/** Starts one node; resolves once its /healthz answers 200. */
export async function startNode(id: string, port: number, shared: NodeShared, layout: Layout, opts: { timeoutMs: number; abort?: AbortSignal; onStart: (s: Started) => void }): Promise<Started> {
  const log = layout.log(id);
  const started = await startDetached(process.execPath, [join(ROOT, "scripts", "start.mjs")], { cwd: ROOT, env: nodeEnv(id, port, shared), logFile: log });
  opts.onStart(started);
  try {
    await waitFor(() => httpOk(`http://127.0.0.1:${port}/healthz`), { what: `${id} on port ${port} to answer /healthz`, timeoutMs: opts.timeoutMs, exited: started.exited, log, abort: opts.abort });
  } catch (e) {
    const last = lastLogLine(log);
    throw e instanceof ClusterError && last ? new ClusterError(`${e.message.replace(/\.$/, "")}; its last line: ${last}`) : e;
  }
  return started;
}
