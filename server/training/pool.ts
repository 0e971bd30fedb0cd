// The worker pool: piscina threads running worker.ts under tsx, a two-lane queue, and the mapping
// of every failure to a LandscapeError. A worker that dies (exit, uncaught error) is replaced by
// piscina; the task it was running is rejected here as "worker_failed", never left hanging.
import { availableParallelism } from "node:os";
import { MessageChannel, type TransferListItem } from "node:worker_threads";
import { Piscina, queueOptionsSymbol } from "piscina";
import type { Logger } from "pino";
import { LandscapeError } from "../../lib/landscape/index";
import { PriorityTaskQueue, type Priority, type QueueOptions } from "./queue";
import type { ProgressMessage, Reply, Task, TaskResults } from "./tasks";
import type { WorkerConfig } from "./worker";

/** Thrown by WorkerPool.run when the worker holds no such landscape and none is on disk. */
export class NeedSliceError extends Error {
  constructor() {
    super("The worker needs the landscape's slice.");
    this.name = "NeedSliceError";
  }
}

/** How to start a pool. */
export interface PoolOptions extends WorkerConfig {
  /** Worker threads; default os.availableParallelism(), at least 1. */
  threads?: number;
  logger: Logger;
}

/** Options of one task. */
export interface RunOptions {
  priority: Priority;
  /** Called with progress messages the worker posts (train tasks). */
  onProgress?: (p: ProgressMessage) => void;
}

/**
 * The execArgv that makes a worker thread load TypeScript: the parent's flags, plus tsx's loader
 * unless the parent already runs under tsx (`tsx server/...`). Under vitest (forks) the parent
 * has no tsx, so it is added.
 */
export function workerExecArgv(parent: string[] = process.execArgv): string[] {
  const hasTsx = parent.some((a) => /(^|[/\\])tsx([/\\]|$)|tsx\/dist\/loader/.test(a));
  return hasTsx ? [...parent] : [...parent, "--import", "tsx"];
}

/** Piscina threads answering the tasks of tasks.ts. */
export class WorkerPool {
  private readonly pool: Piscina;
  private readonly queue = new PriorityTaskQueue();
  private failures = 0;
  /** Number of worker threads. */
  readonly threads: number;

  constructor(private readonly opts: PoolOptions) {
    const threads = opts.threads ?? Math.max(1, availableParallelism());
    if (!Number.isInteger(threads) || threads < 1 || threads > 256) {
      throw new LandscapeError("bad_argument", `The pool needs 1 to 256 threads, not ${threads}.`);
    }
    this.threads = threads;
    const workerData: WorkerConfig = { datasetsDir: opts.datasetsDir, cacheDir: opts.cacheDir, testHooks: opts.testHooks };
    this.pool = new Piscina({
      filename: new URL("./worker.ts", import.meta.url).href,
      execArgv: workerExecArgv(),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Infinity, // workers keep their landscapes in memory
      taskQueue: this.queue,
      stricterFIFO: true, // a task that finds every worker busy goes back to the head of its lane, not the tail
      workerData,
    });
    // A worker that fails with no task in hand makes piscina emit "error"; unheard, it would crash the process.
    this.pool.on("error", (err: unknown) => opts.logger.error({ err: String(err) }, "training worker failed while idle"));
  }

  /** Runs a task; resolves with its value or throws a LandscapeError (or NeedSliceError). */
  async run<K extends Task["kind"]>(task: Extract<Task, { kind: K }>, opts: RunOptions): Promise<TaskResults[K]> {
    const transferList: TransferListItem[] = [];
    let channel: MessageChannel | undefined;
    let posted: Task = task;
    if (opts.onProgress && task.kind === "train") {
      channel = new MessageChannel();
      const listener = opts.onProgress;
      channel.port1.on("message", (m: ProgressMessage) => listener(m));
      posted = { ...task, progress: channel.port2 };
      transferList.push(channel.port2);
    }
    const queueOptions: QueueOptions = { priority: opts.priority };
    let reply: Reply<TaskResults[K]>;
    try {
      reply = (await this.pool.run({ ...posted, [queueOptionsSymbol]: queueOptions }, { transferList })) as Reply<TaskResults[K]>;
    } catch (e) {
      this.failures++;
      this.opts.logger.error({ task: task.kind, err: String(e) }, "training worker failed");
      throw new LandscapeError("worker_failed", `A training worker failed while running a ${task.kind} task (${errorLine(e)}); nothing was changed, try again.`);
    } finally {
      channel?.port1.close();
    }
    if (reply.ok) return reply.value;
    if (reply.code === "need_slice") throw new NeedSliceError();
    throw new LandscapeError(reply.code, reply.message);
  }

  /** Queue lengths, threads and failures so far, for the health endpoint. */
  stats(): { threads: number; queued: { interactive: number; bulk: number }; failures: number; completed: number } {
    return { threads: this.threads, queued: this.queue.lanes, failures: this.failures, completed: this.pool.completed };
  }

  /** Stops every worker (tasks still queued are rejected). */
  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

/** The first line of an error's message. */
function errorLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split("\n")[0]!.slice(0, 200);
}
