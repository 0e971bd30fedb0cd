// Memoised asynchronous jobs with shared progress: the first caller of a key starts the job,
// later callers get the same promise and their progress listeners are added to it. A failed job
// is forgotten (the next call retries); a finished one is kept, up to `capacity` entries (LRU).

/** A progress listener: fraction in [0, 1] and a label. */
export type Progress = (fraction: number, label: string) => void;

interface Entry<T> {
  promise: Promise<T>;
  listeners: Set<Progress>;
  done: boolean;
}

/** Keyed jobs that run once and are shared by concurrent callers. */
export class SharedJobs<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly capacity = Infinity) {}

  /** The job's result for key, starting `start` if nobody has; onProgress hears this job's progress. */
  run(key: string, start: (report: Progress) => Promise<T>, onProgress?: Progress): Promise<T> {
    const found = this.entries.get(key);
    if (found) {
      if (found.done) {
        this.entries.delete(key); // refresh its place in the LRU order
        this.entries.set(key, found);
      } else if (onProgress) found.listeners.add(onProgress);
      return found.promise;
    }
    const entry: Entry<T> = { promise: Promise.resolve() as Promise<T>, listeners: new Set(onProgress ? [onProgress] : []), done: false };
    const report: Progress = (f, label) => {
      for (const l of entry.listeners) {
        try {
          l(f, label);
        } catch {
          // a listener's bug must not break the job
        }
      }
    };
    entry.promise = start(report).then(
      (value) => {
        entry.done = true;
        entry.listeners.clear();
        this.evict();
        return value;
      },
      (err: unknown) => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        throw err;
      },
    );
    this.entries.set(key, entry);
    return entry.promise;
  }

  /** Stores a value as a finished job (e.g. the standard grid a build computed). */
  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { promise: Promise.resolve(value), listeners: new Set(), done: true });
    this.evict();
  }

  private evict(): void {
    if (this.entries.size <= this.capacity) return;
    for (const [key, e] of this.entries) {
      if (this.entries.size <= this.capacity) break;
      if (e.done) this.entries.delete(key);
    }
  }
}
