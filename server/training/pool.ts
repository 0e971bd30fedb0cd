// The worker pool: piscina threads running worker.ts under tsx, a two-lane queue, and the mapping
// of every failure to a LandscapeError. A worker that dies (exit, uncaught error) is replaced by
// piscina; the task it was running is rejected here as "worker_failed", never left hanging.
//
// Interactive work first: the queue hands out interactive tasks (a player's step) before bulk ones
// (training, grid rows, a reveal's measurements), and the load balancer never lets bulk tasks hold
// more than threads − 1 workers at once, so one worker is always free for steps. A queue order
// alone is not enough: a training task runs for seconds, and two of them would hold both workers.
import { availableParallelism } from "node:os";
import { MessageChannel, type TransferListItem } from "node:worker_threads";
import { Piscina, queueOptionsSymbol, type PiscinaTask } from "piscina";
import type { Logger } from "pino";
import { LandscapeError } from "../../lib/landscape/index";
import { PriorityTaskQueue, type Priority, type QueueOptions } from "./queue";
import type { ProgressMessage, Reply, Task, TaskResults } from "./tasks";
import type { WorkerConfig } from "./worker";

/** A worker as piscina's load balancer sees it (the option's own parameter type). */
type PiscinaWorker = Parameters<NonNullable<ConstructorParameters<typeof Piscina>[0]>["loadBalancer"] & object>[1][number];

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
  /** Bulk tasks placed on a worker and not yet settled (for health reports). */
  private bulkRunning = 0;
  /** Workers (by thread id) whose last task placed was a bulk one. */
  private readonly bulkOn = new Set<number>();
  /** Number of worker threads. */
  readonly threads: number;
  /** Most workers bulk tasks may hold at once: all but one (or the only one). */
  readonly bulkCap: number;

  constructor(private readonly opts: PoolOptions) {
    const threads = opts.threads ?? Math.max(1, availableParallelism());
    if (!Number.isInteger(threads) || threads < 1 || threads > 256) {
      throw new LandscapeError("bad_argument", `The pool needs 1 to 256 threads, not ${threads}.`);
    }
    this.threads = threads;
    this.bulkCap = Math.max(1, threads - 1);
    const workerData: WorkerConfig = { datasetsDir: opts.datasetsDir, cacheDir: opts.cacheDir, testHooks: opts.testHooks };
    this.pool = new Piscina({
      filename: new URL("./worker.ts", import.meta.url).href,
      execArgv: workerExecArgv(),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Infinity, // workers keep their landscapes in memory
      taskQueue: this.queue,
      stricterFIFO: true, // a task that finds every worker busy goes back to the head of its lane, not the tail
      loadBalancer: (task, workers) => this.place(task, workers),
      workerData,
    });
    // A worker that fails with no task in hand makes piscina emit "error"; unheard, it would crash the process.
    this.pool.on("error", (err: unknown) => opts.logger.error({ err: String(err) }, "training worker failed while idle"));
  }

  /**
   * Picks an idle worker for a task, or none: a bulk task waits (at the head of its lane) while
   * bulkCap workers run bulk tasks. Called by piscina when a task is about to run, from its own
   * live state: a worker runs one task at a time, so a busy worker we last gave a bulk task is
   * running it (a count kept by our promises would lag: piscina places the next task before they settle).
   */
  private place(task: PiscinaTask, workers: PiscinaWorker[]): PiscinaWorker | null {
    const opts = task[queueOptionsSymbol] as QueueOptions | null;
    const bulk = opts?.priority !== "interactive";
    if (bulk && workers.filter((w) => w.currentUsage > 0 && this.bulkOn.has(w.id)).length >= this.bulkCap) return null;
    const idle = workers.find((w) => w.currentUsage === 0) ?? null;
    if (!idle) return null;
    if (bulk) this.bulkOn.add(idle.id);
    else this.bulkOn.delete(idle.id);
    if (bulk && opts) {
      this.bulkRunning++;
      opts.placed = true;
    }
    return idle;
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
      if (queueOptions.placed) this.bulkRunning--;
    }
    if (reply.ok) return reply.value;
    if (reply.code === "need_slice") throw new NeedSliceError();
    throw new LandscapeError(reply.code, reply.message);
  }

  /** Queue lengths, bulk tasks running, threads and failures so far, for the health endpoint. */
  stats(): { threads: number; queued: { interactive: number; bulk: number }; bulkRunning: number; failures: number; completed: number } {
    return { threads: this.threads, queued: this.queue.lanes, bulkRunning: this.bulkRunning, failures: this.failures, completed: this.pool.completed };
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
