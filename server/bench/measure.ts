// Timing helpers for the benchmark: wall-clock time of repeated calls, and relative differences.

/** Calls fn(i) for i = 0, 1, ... until at least minMs have passed and minIter calls are done. */
export function rate(fn: (i: number) => void, minMs: number, minIter = 3): { iters: number; ms: number; perSec: number } {
  const t0 = performance.now();
  let iters = 0;
  let ms = 0;
  while (iters < minIter || ms < minMs) {
    fn(iters++);
    ms = performance.now() - t0;
  }
  return { iters, ms, perSec: (1000 * iters) / ms };
}

/** Milliseconds an async job takes. */
export async function timed<T>(job: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await job();
  return { value, ms: performance.now() - t0 };
}

/** |a − b| / max(|a|, |b|, floor): relative difference that does not blow up near zero. */
export function relDiff(a: number, b: number, floor = 1e-12): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), floor);
}

/** ‖a − b‖ / max(‖a‖, ‖b‖): relative difference of two slope vectors. */
export function relDiff2(a: [number, number], b: [number, number]): number {
  const n = Math.max(Math.hypot(a[0], a[1]), Math.hypot(b[0], b[1]), 1e-12);
  return Math.hypot(a[0] - b[0], a[1] - b[1]) / n;
}
