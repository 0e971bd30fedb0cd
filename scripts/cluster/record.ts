// D/cluster.json: what a cluster runs, written after each process starts (so `down` can stop a
// half-started cluster too) and read by `down` and `status`. The line `up` prints is a view of it.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { ClusterError } from "./errors";

const Pid = z.number().int().min(2); // 0, 1 and negatives would signal a group or init: refused
const Port = z.number().int().min(1).max(65535);

/** One recorded process (see processes.ts for `since` and `group`). */
const Proc = z.object({ pid: Pid, port: Port, since: z.number().nullable(), group: z.boolean() });

/** The record's schema: everything optional that starts late, so a partial record still parses. */
export const ClusterRecord = z.object({
  version: z.literal(1),
  /** True once every process answered its health check and the line was printed. */
  ready: z.boolean(),
  url: z.string().optional(),
  databaseUrl: z.string().optional(),
  redisUrl: z.string().optional(),
  dataDir: z.string(),
  postgres: Proc.extend({ dataDir: z.string() }).optional(),
  redis: Proc.optional(),
  nodes: z.array(Proc.extend({ id: z.string() })),
  /** HAProxy, with the loopback port of its stats socket (status reads each node's check from it). */
  haproxy: Proc.extend({ statsPort: Port }).optional(),
});

/** What a cluster runs. */
export type ClusterRecord = z.infer<typeof ClusterRecord>;

/** A recorded process as it is stored. */
export type ProcRecord = z.infer<typeof Proc>;

/** Reads D/cluster.json; null when there is none; a ClusterError when it is unreadable. */
export function readRecord(path: string): ClusterRecord | null {
  if (!existsSync(path)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new ClusterError(`${path} is not JSON (${(e as Error).message}); stop its processes by hand.`);
  }
  const r = ClusterRecord.safeParse(raw);
  if (!r.success) throw new ClusterError(`${path} is not a cluster record (${r.error.issues[0]?.path.join(".")}: ${r.error.issues[0]?.message}).`);
  return r.data;
}

/** Writes the record whole or not at all (a rename), so a crash never leaves half a file. */
export function writeRecord(path: string, record: ClusterRecord): void {
  writeFileSync(`${path}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

/** Every recorded process by name, in the order `down` stops them: HAProxy, the nodes, Redis, PostgreSQL. */
export function processesOf(r: ClusterRecord): [string, ProcRecord][] {
  const all: [string, ProcRecord | undefined][] = [["haproxy", r.haproxy], ...r.nodes.map((n): [string, ProcRecord] => [n.id, n]), ["redis", r.redis], ["postgres", r.postgres]];
  return all.filter((e): e is [string, ProcRecord] => e[1] !== undefined);
}

/** The line `up` prints: the entry URL and every process's pid and port. */
export function summaryLine(r: ClusterRecord): string {
  const pp = (p: { pid: number; port: number } | undefined) => (p ? { pid: p.pid, port: p.port } : null);
  return JSON.stringify({
    url: r.url ?? null,
    nodes: r.nodes.map((n) => ({ id: n.id, pid: n.pid, port: n.port })),
    postgres: pp(r.postgres),
    redis: pp(r.redis),
    haproxy: pp(r.haproxy),
  });
}
