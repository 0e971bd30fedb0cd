// Where everything of one cluster lives under its directory D: the record of what runs, each
// process's log, PostgreSQL's data, the landscape cache the nodes share, HAProxy's config.
import { join, resolve } from "node:path";

/** The paths of a cluster directory. */
export interface Layout {
  dir: string;
  /** What runs: every pid and port (record.ts). */
  record: string;
  logs: string;
  /** PostgreSQL's data directory (initdb). */
  postgres: string;
  /** Redis's working directory (it saves nothing: leases are short-lived). */
  redis: string;
  /** DATA_DIR of every node: one landscape cache for all. */
  data: string;
  haproxyConfig: string;
  /** The log file of a process by name (postgres, redis, haproxy, node-1, landscapes…). */
  log(name: string): string;
}

/** The layout of the cluster directory `dir` (resolved against the working directory). */
export function layoutOf(dir: string): Layout {
  const d = resolve(dir);
  const logs = join(d, "logs");
  return {
    dir: d,
    record: join(d, "cluster.json"),
    logs,
    postgres: join(d, "postgres"),
    redis: join(d, "redis"),
    data: join(d, "data"),
    haproxyConfig: join(d, "haproxy.cfg"),
    log: (name) => join(logs, `${name}.log`),
  };
}
