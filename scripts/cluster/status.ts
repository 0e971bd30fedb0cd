// `status`: which recorded processes are alive, and HAProxy's own view of each node (its health
// check's state), for tests that kill a node and wait for the cluster to notice.
import { ClusterError } from "./errors";
import { nodeChecks } from "./haproxy";
import type { Layout } from "./layout";
import { isRunning } from "./processes";
import { processesOf, readRecord, type ProcRecord } from "./record";

/** The status of one process. */
interface ProcStatus {
  pid: number;
  port: number;
  alive: boolean;
}

/** A cluster's status: `alive` when it came up whole and every recorded process still runs; each node with HAProxy's check state when HAProxy answers. */
export interface ClusterStatus {
  dir: string;
  url: string | null;
  ready: boolean;
  alive: boolean;
  nodes: (ProcStatus & { id: string; check: string | null })[];
  postgres: ProcStatus | null;
  redis: ProcStatus | null;
  haproxy: ProcStatus | null;
}

/** Reads the record and looks at every process; a ClusterError when there is no cluster in the directory. */
export async function status(layout: Layout): Promise<ClusterStatus> {
  const r = readRecord(layout.record);
  if (r === null) throw new ClusterError(`There is no cluster in ${layout.dir} (no cluster.json).`);
  const of = (p: ProcRecord | undefined): ProcStatus | null => (p ? { pid: p.pid, port: p.port, alive: isRunning(p) } : null);
  const haproxy = of(r.haproxy);
  const checks = r.haproxy && haproxy?.alive ? await nodeChecks(r.haproxy.statsPort) : {};
  return {
    dir: layout.dir,
    url: r.url ?? null,
    ready: r.ready,
    alive: r.ready && processesOf(r).every(([, p]) => isRunning(p)),
    nodes: r.nodes.map((n) => ({ id: n.id, pid: n.pid, port: n.port, alive: isRunning(n), check: checks[n.id] ?? null })),
    postgres: of(r.postgres),
    redis: of(r.redis),
    haproxy,
  };
}
