// A real redis-server on 127.0.0.1 for the tests of leases and cluster nodes: Debian's package
// (installed when missing, as `npm test` installs Chromium; see scripts/cluster/packages.ts),
// started on a free port in a temporary directory, stopped by its pid.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensurePackages } from "../../../scripts/cluster/packages";
import { layoutOf } from "../../../scripts/cluster/layout";
import { freePorts } from "../../../scripts/cluster/ports";
import { startRedis } from "../../../scripts/cluster/redis";
import { stopProcess } from "../../../scripts/cluster/processes";
import { mkdirSync } from "node:fs";

/** A running Redis: its URL and how to stop it. */
export interface TestRedis {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** Why Redis cannot run here (the packages cannot be installed), or null. */
export function redisUnavailable(): string | null {
  try {
    ensurePackages((line) => console.log(line));
    return null;
  } catch (e) {
    return `Redis cannot run here: ${(e as Error).message}`;
  }
}

/** Starts redis-server on a free loopback port. */
export async function startTestRedis(): Promise<TestRedis> {
  const binaries = ensurePackages();
  const dir = mkdtempSync(join(tmpdir(), "downhill-redis-"));
  const layout = layoutOf(dir);
  mkdirSync(layout.logs, { recursive: true });
  const [port] = await freePorts(1);
  const started = await startRedis(binaries.redisServer, layout, port!, { timeoutMs: 20_000, onStart: () => undefined });
  return {
    url: `redis://127.0.0.1:${port}`,
    port: port!,
    pid: started.ref.pid,
    async stop() {
      await stopProcess("redis", started.ref, { graceMs: 3000 });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
