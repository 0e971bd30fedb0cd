// The process's memory and garbage collection so far, for the health endpoint: the load tool reads
// it at both ends of its window (heap growth and GC time per run, tests/load/loadtest.ts).
import { PerformanceObserver } from "node:perf_hooks";

/** Memory now (MB) and garbage collections since the watch started (count and total pause, ms). */
export interface ProcessStats {
  heapUsedMB: number;
  heapTotalMB: number;
  rssMB: number;
  gc: { count: number; ms: number };
}

/** Starts counting garbage collections; the function returns the figures so far. */
export function watchProcess(): () => ProcessStats {
  const gc = { count: 0, ms: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.count++;
      gc.ms += e.duration;
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  const mb = (bytes: number) => Math.round(bytes / 1048576);
  return () => {
    const m = process.memoryUsage();
    return { heapUsedMB: mb(m.heapUsed), heapTotalMB: mb(m.heapTotal), rssMB: mb(m.rss), gc: { count: gc.count, ms: Math.round(gc.ms) } };
  };
}
