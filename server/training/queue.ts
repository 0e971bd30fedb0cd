// A two-lane task queue for piscina: interactive tasks (a player's probe, a ghost) go before bulk
// ones (training, grid rows), so a round stays responsive while a landscape is being built.
// Within a lane, first in first out. Each lane is a deque with a moving head, so taking a task is
// O(1) even with tens of thousands queued (Array.prototype.shift would make a burst quadratic).
import { queueOptionsSymbol, type PiscinaTask, type TaskQueue } from "piscina";

/** Which lane a task waits in. */
export type Priority = "interactive" | "bulk";

/** The queue options a task object carries under piscina's queueOptionsSymbol (not cloned to the worker). */
export interface QueueOptions {
  priority: Priority;
  /** Set by the pool's load balancer when a bulk task is placed on a worker (it counts running bulk tasks). */
  placed?: boolean;
}

type Queued = PiscinaTask;

/** A FIFO with O(1) push and shift; unshift and remove are O(n) but rare (a task put back, an abort). */
class Lane {
  private items: (Queued | undefined)[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(t: Queued): void {
    this.items.push(t);
  }

  unshift(t: Queued): void {
    if (this.head > 0) this.items[--this.head] = t;
    else this.items.unshift(t);
  }

  shift(): Queued | null {
    if (this.head >= this.items.length) return null;
    const t = this.items[this.head]!;
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head); // drop the consumed prefix now and then
      this.head = 0;
    }
    return t;
  }

  remove(t: Queued): boolean {
    const i = this.items.indexOf(t, this.head);
    if (i < 0) return false;
    this.items.splice(i, 1);
    return true;
  }
}

/** Interactive tasks first, then bulk; FIFO in each lane. */
export class PriorityTaskQueue implements TaskQueue {
  private readonly interactive = new Lane();
  private readonly bulk = new Lane();

  /** Tasks waiting in both lanes. */
  get size(): number {
    return this.interactive.size + this.bulk.size;
  }

  /** Tasks waiting in each lane (for health reports). */
  get lanes(): { interactive: number; bulk: number } {
    return { interactive: this.interactive.size, bulk: this.bulk.size };
  }

  private laneOf(task: Queued): Lane {
    const opts = task[queueOptionsSymbol] as QueueOptions | null;
    return opts?.priority === "interactive" ? this.interactive : this.bulk;
  }

  /** Queues a task at the tail of its lane. */
  push(task: Queued): void {
    this.laneOf(task).push(task);
  }

  /** Puts a task that could not be placed back at the head of its lane. */
  unshift(task: Queued): void {
    this.laneOf(task).unshift(task);
  }

  /** The next task: the oldest interactive one, else the oldest bulk one. */
  shift(): Queued | null {
    return this.interactive.shift() ?? this.bulk.shift();
  }

  /** Drops a task (aborted while waiting). */
  remove(task: Queued): void {
    if (!this.interactive.remove(task)) this.bulk.remove(task);
  }
}
