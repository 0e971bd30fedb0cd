// `up`: PostgreSQL, Redis, the landscapes trained once, N nodes, then HAProxy in front, each
// recorded in D/cluster.json the moment it starts and awaited until it answers. When anything
// fails or the script is interrupted, whatever already started is stopped again.
import { mkdirSync } from "node:fs";
import { ClusterError } from "./errors";
import { down } from "./down";
import { startHaproxy, writeCheckedConfig, type HaproxyPlan } from "./haproxy";
import type { Layout } from "./layout";
import { buildLandscapes, startNode, type NodeShared } from "./nodes";
import { ensurePackages } from "./packages";
import { freePorts } from "./ports";
import { startPostgres } from "./postgres";
import { isRunning, type Started } from "./processes";
import { processesOf, readRecord, writeRecord, type ClusterRecord } from "./record";
import { startRedis } from "./redis";

/** What `up` is asked for. */
export interface UpOptions {
  nodes: number;
  /** HAProxy's port; a free one when absent. */
  port?: number;
  /** How long each process may take to answer, ms (the first node may build the pages). */
  timeoutMs: number;
}

/** What `up` needs around it: a progress line printer and the script's interruption. */
export interface UpContext {
  say: (line: string) => void;
  abort: AbortSignal;
}

/**
 * Runs tasks side by side; the first to fail stops the others' waiting (through their abort
 * signal) and its error is thrown once every task has settled, so that what they started is in
 * the record before anything is stopped.
 */
async function allOrFirstError(tasks: ((abort: AbortSignal) => Promise<unknown>)[], outer: AbortSignal): Promise<void> {
  const inner = new AbortController();
  const relay = () => inner.abort();
  outer.addEventListener("abort", relay);
  let first: unknown = null;
  await Promise.allSettled(tasks.map((t) => t(inner.signal).catch((e: unknown) => {
    first ??= e;
    inner.abort();
  })));
  outer.removeEventListener("abort", relay);
  if (first !== null) throw first;
}

/** Starts a whole cluster in `layout.dir`; resolves with its record once every process answers. */
export async function up(layout: Layout, opts: UpOptions, ctx: UpContext): Promise<ClusterRecord> {
  mkdirSync(layout.logs, { recursive: true });
  mkdirSync(layout.data, { recursive: true });
  const before = readRecord(layout.record);
  const live = before ? processesOf(before).filter(([, p]) => isRunning(p)).map(([name]) => name) : [];
  if (live.length > 0) throw new ClusterError(`A cluster is already running in ${layout.dir} (${live.join(", ")}); stop it first with: npm run cluster -- down --dir ${layout.dir}`);
  const bins = ensurePackages(ctx.say);

  const ports = (await freePorts(opts.nodes + 5)).filter((p) => p !== opts.port);
  const [pgPort, redisPort, statsPort, ...rest] = ports as [number, number, number, ...number[]];
  const haproxyPort = opts.port ?? rest.pop()!;
  const plan: HaproxyPlan = { port: haproxyPort, statsPort, nodes: rest.slice(0, opts.nodes).map((port, k) => ({ id: `node-${k + 1}`, port })) };
  writeCheckedConfig(bins.haproxy, layout.haproxyConfig, plan); // before anything starts: a bad config costs nothing

  const record: ClusterRecord = { version: 1, ready: false, dataDir: layout.data, nodes: [] };
  const save = () => writeRecord(layout.record, record);
  save();
  try {
    ctx.say(`Starting PostgreSQL on 127.0.0.1:${pgPort} (data in ${layout.postgres})…`);
    const pg = startPostgres(bins.postgresBin, layout, pgPort, { say: ctx.say, onStart: (ref) => {
      record.postgres = { ...ref, port: pgPort, dataDir: layout.postgres };
      save();
    } });
    record.databaseUrl = pg.databaseUrl;
    save();

    ctx.say(`Starting Redis on 127.0.0.1:${redisPort}…`);
    record.redisUrl = `redis://127.0.0.1:${redisPort}`;
    await startRedis(bins.redisServer, layout, redisPort, { timeoutMs: opts.timeoutMs, abort: ctx.abort, onStart: (s) => {
      record.redis = { ...s.ref, port: redisPort };
      save();
    } });

    ctx.say(`Training the landscapes once into ${layout.data}…`);
    await buildLandscapes(layout, ctx.abort);

    const shared: NodeShared = { databaseUrl: pg.databaseUrl, redisUrl: record.redisUrl, dataDir: layout.data };
    const start = (n: { id: string; port: number }, abort: AbortSignal) =>
      startNode(n.id, n.port, shared, layout, { timeoutMs: opts.timeoutMs, abort, onStart: (s: Started) => {
        record.nodes.push({ ...s.ref, id: n.id, port: n.port });
        save();
      } });
    // The first node alone: it builds the pages if they are missing and migrates the fresh
    // database; N nodes doing either at once would race each other in the same checkout or schema.
    const [first, ...others] = plan.nodes;
    ctx.say(`Starting ${first!.id} on 127.0.0.1:${first!.port}…`);
    await start(first!, ctx.abort);
    if (others.length > 0) ctx.say(`Starting ${others.map((n) => `${n.id} on 127.0.0.1:${n.port}`).join(", ")}…`);
    await allOrFirstError(others.map((n) => (abort: AbortSignal) => start(n, abort)), ctx.abort);

    ctx.say(`Starting HAProxy on 127.0.0.1:${haproxyPort}…`);
    await startHaproxy(bins.haproxy, layout, haproxyPort, { timeoutMs: opts.timeoutMs, abort: ctx.abort, onStart: (s) => {
      record.haproxy = { ...s.ref, port: haproxyPort, statsPort };
      save();
    } });
    record.url = `http://127.0.0.1:${haproxyPort}`;
    record.ready = true;
    save();
    return record;
  } catch (e) {
    ctx.say("Stopping what already started…");
    await down(layout, ctx.say).catch((d: unknown) => ctx.say(`Could not stop everything: ${(d as Error).message}`));
    throw e;
  }
}
