// Percentiles of round-trip times (nearest rank on the sorted sample).

/** The p-th percentile (0–100) of values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** p50, p95 and p99, rounded to 0.1 ms. */
export function summary(values: readonly number[]): { p50: number; p95: number; p99: number } {
  const r = (v: number) => Math.round(v * 10) / 10;
  return { p50: r(percentile(values, 50)), p95: r(percentile(values, 95)), p99: r(percentile(values, 99)) };
}
