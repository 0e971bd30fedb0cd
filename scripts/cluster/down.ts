// `down`: stops every recorded process by its pid, in the reverse of the order they depend on
// each other (HAProxy first, so no new connection reaches a stopping node; then the nodes, which
// flush to Redis and PostgreSQL as they stop; then Redis; PostgreSQL last, with pg_ctl). Safe to
// run twice: a process that is gone, or whose pid now names another process, is left alone.
import type { Layout } from "./layout";
import { postgresBinDir } from "./packages";
import { stopPostgres } from "./postgres";
import { stopProcess } from "./processes";
import { readRecord, writeRecord } from "./record";

/** What `down` did: the names it stopped, and those already gone. */
export interface DownResult {
  stopped: string[];
  gone: string[];
}

/** A node's own shutdown gives up after 10 s (server/main.ts); a little more before SIGKILL. */
const NODE_GRACE_MS = 15_000;

/** Stops the cluster recorded in `layout.dir`; nothing to do when there is no record. */
export async function down(layout: Layout, say: (line: string) => void): Promise<DownResult> {
  const r = readRecord(layout.record);
  const result: DownResult = { stopped: [], gone: [] };
  if (r === null) {
    say(`There is no cluster in ${layout.dir} (no cluster.json): nothing to stop.`);
    return result;
  }
  const note = (name: string, how: "gone" | "stopped") => {
    result[how].push(name);
    if (how === "stopped") say(`Stopped ${name}.`);
  };
  if (r.haproxy) note("haproxy", await stopProcess("haproxy", r.haproxy, { graceMs: 5000 }));
  const nodes = await Promise.all(r.nodes.map(async (n) => [n.id, await stopProcess(n.id, n, { graceMs: NODE_GRACE_MS })] as const));
  for (const [id, how] of nodes) note(id, how);
  if (r.redis) note("redis", await stopProcess("redis", r.redis, { graceMs: 5000 }));
  if (r.postgres) note("postgres", await stopPostgres(postgresBinDir(), r.postgres.dataDir, r.postgres));
  writeRecord(layout.record, { ...r, ready: false });
  return result;
}
